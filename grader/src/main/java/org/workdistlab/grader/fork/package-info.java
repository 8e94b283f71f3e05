/** The forked grading JVM (ForkMain, its watchdog and listener) and the parent's ForkRunner that starts, limits and re-forks it; internal. */
package org.workdistlab.grader.fork;
