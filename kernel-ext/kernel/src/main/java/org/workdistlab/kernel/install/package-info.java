/**
 * Installing the kernel for Jupyter: a kernelspec directory holding {@code kernel.json} and a copy of the kernel
 * distribution (jar and {@code lib/}), so the install does not depend on the build tree.
 */
package org.workdistlab.kernel.install;
