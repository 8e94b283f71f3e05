/** The picocli command line: GraderMain and one class per subcommand, with named exit codes. */
package org.workdistlab.grader.cli;
