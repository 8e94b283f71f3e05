/** Discovery of {@code @Exercise} suites and their checks (Catalogue); reads annotations, never runs suites. */
package org.workdistlab.grader.engine;
