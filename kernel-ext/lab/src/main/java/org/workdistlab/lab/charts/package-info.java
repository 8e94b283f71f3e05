/**
 * One-call XChart charts and Tablesaw tables in one house style; no Jupyter dependency (the kernel renders the
 * returned objects, plain Java saves them with {@code BitmapEncoder} or prints them with {@code Table.print()}).
 */
package org.workdistlab.lab.charts;
