/**
 * Renderers for the libraries the course uses: {@link org.workdistlab.renderers.XChartRenderer} (XChart charts as
 * PNG) and {@link org.workdistlab.renderers.TablesawRenderer} (Tablesaw tables as HTML and aligned text). They are
 * registered in {@code META-INF/services/org.workdistlab.display.Renderer}, and test library types by name so
 * that loading them never fails where a library is absent.
 */
package org.workdistlab.renderers;
