/**
 * How any code shows rich output: {@link org.workdistlab.display.Display} to show and update values,
 * {@link org.workdistlab.display.Renderer} and {@link org.workdistlab.display.Displayable} to teach it new
 * types. This module depends on nothing but the JDK, so libraries can use it without depending on Jupyter.
 */
package org.workdistlab.display;
