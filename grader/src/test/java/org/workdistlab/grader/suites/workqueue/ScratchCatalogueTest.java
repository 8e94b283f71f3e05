package org.workdistlab.grader.suites.workqueue;

import org.junit.jupiter.api.Test;

class ScratchCatalogueTest {
    @Test
    void all() throws Exception {
        for (Class<?> c : BrokenWorkQueues.class.getDeclaredClasses()) {
            if (java.lang.reflect.Modifier.isAbstract(c.getModifiers()) || !java.lang.reflect.Modifier.isPublic(c.getModifiers())) continue;
            @SuppressWarnings("unchecked")
            var r = SuiteRun.grade((Class<? extends org.workdistlab.exercises.workqueue.WorkQueueFactory>) c);
            System.out.println("=== " + c.getSimpleName() + " " + r.describe());
        }
        var s = SuiteRun.grade(org.workdistlab.exercises.workqueue.MyWorkQueue.class);
        System.out.println("=== starter " + s.describe());
    }
}
