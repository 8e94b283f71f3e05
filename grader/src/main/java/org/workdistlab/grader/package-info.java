/**
 * The grader's public API: {@link org.workdistlab.grader.Grader} grades a {@link org.workdistlab.grader.SubmissionSource} and
 * returns a {@link org.workdistlab.grader.GradeReport}; {@link org.workdistlab.grader.Grader#exercises()} lists what it can grade.
 */
package org.workdistlab.grader;
