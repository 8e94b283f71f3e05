/** Submission inputs (Maven folders, .java files, notebooks) and their compilation with errors in the learner's terms. */
package org.workdistlab.grader.input;
