/** Report writers: readable summary, JSON, JUnit XML, GitHub Classroom and Gradescope formats. */
package org.workdistlab.grader.report;
