package org.workdistlab.kernel.eval;

import java.lang.reflect.Field;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution (cells run in this JVM, stopped by JShell's own {@link #stop()}: {@code Thread.stop}
 * on JDK 17, loop instrumentation plus interrupts on JDK 21+) with one addition: it remembers which wrapper class
 * it last invoked, so the kernel can read a snippet's value as a real object.
 *
 * <p>Why not JShell's value string: {@link ExecutionControl#invoke} returns only {@code String.valueOf(value)},
 * yet a chart must reach a renderer as a chart. JShell keeps every variable (including the {@code $1}
 * temporaries it makes for expressions) in a static field of the snippet's wrapper class; reading that field after
 * the invoke returns gives the object without rewriting the user's source.
 */
final class KernelExecutionControl extends LocalExecutionControl {

    private final CellLoaderDelegate delegate;
    private volatile String lastInvokedClass;

    KernelExecutionControl(CellLoaderDelegate delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public String invoke(String className, String methodName)
            throws RunException, InternalException, EngineTerminationException {
        lastInvokedClass = className;
        return super.invoke(className, methodName);
    }

    /** The wrapper class of the last invoke; reset with {@link #clearLastInvoked()}. */
    String lastInvokedClass() {
        return lastInvokedClass;
    }

    void clearLastInvoked() {
        lastInvokedClass = null;
    }

    /** The value of static field {@code name} in wrapper class {@code className}. */
    Object readStatic(String className, String name) throws ReflectiveOperationException {
        Class<?> c = delegate.findClass(className);
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(null);
    }

    /**
     * On JDK 21+, JShell instruments cell code with checks of {@code REPL.$Cancel$.allStop}; setting it makes any
     * cell code still looping in any thread throw {@code ThreadDeath}, even when no cell is running (JShell's
     * {@code stop()} ignores that case). JShell resets it at the next invoke. Returns false where there is no such
     * class (JDK 17) or it was not loaded yet.
     */
    boolean raiseStopFlag() {
        try {
            Class<?> cancel = delegate.findClass("REPL.$Cancel$");
            Field f = cancel.getDeclaredField("allStop");
            f.setAccessible(true);
            f.setBoolean(null, true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Hands JShell this instance. */
    static final class Provider implements ExecutionControlProvider {
        private final KernelExecutionControl control;

        Provider(KernelExecutionControl control) {
            this.control = control;
        }

        @Override
        public String name() {
            return "wdl-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return control;
        }
    }
}
