/**
 * The five ZeroMQ sockets of a Jupyter kernel on JeroMQ: shell, control and stdin (ROUTER), iopub (PUB) and
 * heartbeat (REP), bound to the connection file's transport and address only. Nothing here parses JSON beyond
 * the connection file.
 */
package org.workdistlab.kernel.zmq;
