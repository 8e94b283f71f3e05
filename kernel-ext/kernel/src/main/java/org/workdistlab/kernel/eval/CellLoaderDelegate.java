package org.workdistlab.kernel.eval;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads the classes JShell compiles for cells, and the jars added with {@code %classpath}, into one class loader
 * the kernel controls. The JDK's own {@code DefaultLoaderDelegate} is package-private and its loader hidden, so
 * the kernel could neither read values from cell classes nor look up renderers and magics shipped in cell jars.
 *
 * <p>The loader's parent is the kernel's loader and delegation is parent-first: cells, renderers and the kernel
 * share one copy of {@code org.workdistlab.display}, so {@code display(x)} in a cell reaches the kernel's backend.
 */
final class CellLoaderDelegate implements LoaderDelegate {

    private final CellClassLoader loader;

    CellLoaderDelegate(ClassLoader parent) {
        this.loader = new CellClassLoader(parent);
    }

    /** The loader of cell classes and {@code %classpath} jars. */
    ClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        for (var cbc : cbcs) {
            loader.declare(cbc.name(), cbc.bytecodes());
        }
        boolean[] installed = new boolean[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            try {
                loader.loadClass(cbcs[i].name());
                installed[i] = true;
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ClassInstallException("could not load " + cbcs[i].name() + ": " + e, installed);
            }
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        for (var cbc : cbcs) {
            loader.declare(cbc.name(), cbc.bytecodes());
        }
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        for (var entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                loader.add(Path.of(entry).toUri().toURL());
            } catch (MalformedURLException | RuntimeException e) {
                throw new InternalException("cannot add " + entry + " to the class path: " + e.getMessage());
            }
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        return loader.loadClass(name);
    }

    private static final class CellClassLoader extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        CellClassLoader(ClassLoader parent) {
            super("wdl-cells", new URL[0], parent);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        void add(URL url) {
            addURL(url);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = declared.get(name);
            if (bytes != null) {
                return defineClass(name, bytes, 0, bytes.length, (ProtectionDomain) null);
            }
            return super.findClass(name);
        }
    }
}
