/** Thread reports for checks that overran: states, locks and owners, deadlock cycles, busy-spinning threads. */
package org.workdistlab.grader.diagnostics;
