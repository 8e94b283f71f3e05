package org.workdistlab.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return GraderMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listShowsExercisesChecksAndPoints() {
        int code = run("grade", "--list", "--suite-package", "org.workdistlab.grader.fixtures");

        assertThat(code).isEqualTo(ExitCodes.PASSED);
        assertThat(out.toString()).contains("fixture - Fixture (8 points)").containsPattern("adds\\s+2");
    }

    @Test
    void anUnknownFlagIsOneLineWithAUsageHintAndTheUsageExitCode() {
        int code = run("grade", "--frobnicate");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--frobnicate").contains("--help");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        int code = run("grade", "fixture", "x.java", "--format", "yaml", "--suite-package",
                "org.workdistlab.grader.fixtures");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown format 'yaml'");
    }

    @Test
    void aCompileErrorExitsWithNotGradedAndWritesTheChosenFormat() throws Exception {
        Path file = dir.resolve("Broken.java");
        Files.writeString(file, "public class Broken { int x = ; }\n");
        Path report = dir.resolve("out/report.json");

        int code = run("grade", "fixture", file.toString(), "--format", "json", "--out", report.toString(),
                "--suite-package", "org.workdistlab.grader.fixtures");

        assertThat(code).isEqualTo(ExitCodes.NOT_GRADED);
        var json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("status").asText()).isEqualTo("ERROR");
        assertThat(json.get("problems").get(0).asText()).startsWith("Broken.java:1: ");
        assertThat(out.toString()).contains("Total: 0/8 points - could not grade");
    }

    @Test
    void aGradedSubmissionThatLosesPointsExitsWithFailed() throws Exception {
        Path file = dir.resolve("MyFixture.java");
        Files.writeString(file, """
                import org.workdistlab.grader.fixtures.Fixture;
                public class MyFixture implements Fixture {
                    public int add(int a, int b) { return a - b; }
                    public void idle() { }
                    public String name() { return "fixture"; }
                }
                """);

        int code = run("grade", "fixture", file.toString(), "--check", "adds,names", "--suite-package",
                "org.workdistlab.grader.fixtures");

        assertThat(code).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("[FAIL]").contains("hint: add the two numbers").contains("Total: 1/3");
    }
}
