/** The bytecode check that rejects code reaching for what an exercise never needs, before it runs. */
package org.workdistlab.grader.staticcheck;
