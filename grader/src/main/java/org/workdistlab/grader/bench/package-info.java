/** GraderBench: how long grading each reference takes (median and spread). */
package org.workdistlab.grader.bench;
