package org.workdistlab.renderers;

/** Type tests by class name, so a renderer can be loaded where its library is missing. */
final class ClassNames {

    private ClassNames() {
    }

    /** Whether {@code value}'s class is, extends, or implements the type named {@code name}. */
    static boolean isA(Object value, String name) {
        return isA(value.getClass(), name);
    }

    private static boolean isA(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(name)) {
                return true;
            }
            for (var i : c.getInterfaces()) {
                if (isA(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
