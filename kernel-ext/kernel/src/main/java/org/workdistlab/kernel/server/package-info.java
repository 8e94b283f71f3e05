/**
 * The kernel's request loop, as in ipykernel: one handler per message type, named after it, each publishing
 * busy, doing its work and publishing idle in {@code finally}. The shell channel is served by one thread, one
 * request at a time; control has its own thread so that an interrupt or shutdown is heard while a cell runs;
 * iopub has its own thread and queue so that output from any thread leaves in order.
 */
package org.workdistlab.kernel.server;
