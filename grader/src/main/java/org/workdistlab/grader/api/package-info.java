/** What grading suites use: {@code @Exercise}, {@code @Check}, Submission, and Measure/Report for measurements and performance bands. */
package org.workdistlab.grader.api;
