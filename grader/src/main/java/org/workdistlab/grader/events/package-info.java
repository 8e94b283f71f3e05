/** The fork's event protocol (ForkEvent, EventCodec) and the parent's GradeListener/GradeData that score from events only. */
package org.workdistlab.grader.events;
