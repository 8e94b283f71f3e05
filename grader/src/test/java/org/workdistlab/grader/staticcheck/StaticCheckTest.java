package org.workdistlab.grader.staticcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workdistlab.grader.input.CompiledSubmission;
import org.workdistlab.grader.input.SourceUnit;
import org.workdistlab.grader.input.SubmissionCompiler;

class StaticCheckTest {

    @TempDir
    Path dir;

    private List<String> check(String className, String code) throws Exception {
        Path grader = Path.of(StaticCheck.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        CompiledSubmission compiled = SubmissionCompiler.compile(
                List.of(new SourceUnit(className + ".java", code, className + ".java", 0)), List.of(grader),
                dir.resolve("classes"));
        assertThat(compiled.errors()).isEmpty();
        return StaticCheck.check(compiled.classesDir());
    }

    @Test
    void plainConcurrentCodeIsAccepted() throws Exception {
        assertThat(check("Fine", """
                import java.util.concurrent.*;
                import java.util.concurrent.atomic.AtomicLong;
                import java.lang.invoke.*;
                public class Fine {
                    private static final VarHandle COUNT;
                    static {
                        try {
                            COUNT = MethodHandles.lookup().findVarHandle(Fine.class, "count", long.class);
                        } catch (ReflectiveOperationException e) {
                            throw new ExceptionInInitializerError(e);
                        }
                    }
                    private volatile long count;
                    private final BlockingQueue<String> q = new ArrayBlockingQueue<>(10);
                    private final AtomicLong n = new AtomicLong();
                    public void go() throws InterruptedException {
                        Thread t = new Thread(() -> n.incrementAndGet(), "worker");
                        t.start();
                        t.join();
                        q.offer("x");
                        COUNT.getAndAdd(this, 1L);
                        System.out.println(q.take());
                    }
                }
                """)).isEmpty();
    }

    @Test
    void systemExitIsRejectedNamingMethodAndLine() throws Exception {
        List<String> problems = check("MyBatcher", """
                public class MyBatcher {
                    public void close() {
                        System.exit(0);
                    }
                }
                """);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("MyBatcher.close() uses System.exit (MyBatcher.java:3): ")
                .contains("never needs to exit the JVM");
    }

    @Test
    void processesSocketsFilesAndReflectionAreRejected() throws Exception {
        List<String> problems = check("Sneaky", """
                import java.io.*;
                import java.net.Socket;
                public class Sneaky {
                    public void run() throws Exception {
                        new ProcessBuilder("ls").start();
                        Runtime.getRuntime().exec("ls");
                        new Socket("localhost", 80).close();
                        new FileOutputStream("/tmp/x").close();
                        var f = Sneaky.class.getDeclaredField("x");
                        f.setAccessible(true);
                    }
                    private int x;
                }
                """);
        assertThat(String.join("\n", problems))
                .contains("Sneaky.run() uses ProcessBuilder (Sneaky.java:5)").contains("uses Runtime.exec (Sneaky.java:6)")
                .contains("uses Socket (Sneaky.java:7)").contains("network")
                .contains("uses FileOutputStream (Sneaky.java:8)").contains("never needs files")
                .contains("uses Field.setAccessible (Sneaky.java:10)");
        assertThat(problems).hasSize(5);
    }

    @Test
    void touchingTheGraderIsRejected() throws Exception {
        List<String> problems = check("Cheat", """
                public class Cheat {
                    public void run() {
                        org.workdistlab.grader.api.Report.partial(100, "all mine");
                    }
                }
                """);
        assertThat(problems).singleElement().asString().contains("Cheat.run() uses Report (Cheat.java:3)").contains("must not touch the grader");
    }

    @Test
    void aContractPackageUnderTheGraderIsAllowedWhenNamed() throws Exception {
        CompiledSubmission compiled = SubmissionCompiler.compile(List.of(new SourceUnit("Mine.java", """
                public class Mine extends org.workdistlab.grader.fixtures.impl.GoodFixture {
                }
                """, "Mine.java", 0)), List.of(Path.of(org.workdistlab.grader.fixtures.Fixture.class
                .getProtectionDomain().getCodeSource().getLocation().toURI())), dir.resolve("c2"));
        assertThat(StaticCheck.check(compiled.classesDir(), List.of("org.workdistlab.grader.fixtures.impl")))
                .isEmpty();
        assertThat(StaticCheck.check(compiled.classesDir())).isNotEmpty();
    }
}
