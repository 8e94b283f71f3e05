package org.workdistlab.grader.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.Fixtures;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.SubmissionSource;

class SubmissionInputTest {

    static final String GOOD = """
            package my.solution;

            import org.workdistlab.grader.fixtures.Fixture;

            public class MyFixture implements Fixture {
                public int add(int a, int b) { return a + b; }
                public void idle() { }
                public String name() { return "fixture"; }
            }
            """;

    @TempDir
    Path dir;

    @Nested
    class JavaSources {

        @Test
        void aMavenProjectIsCompiledAndGraded() throws Exception {
            Path src = Files.createDirectories(dir.resolve("project/src/main/java/my/solution"));
            Files.writeString(src.resolve("MyFixture.java"), GOOD);

            GradeReport report = Fixtures.grader().checks(List.of("adds", "names")).build()
                    .grade("fixture", new SubmissionSource.Sources(dir.resolve("project")));

            assertThat(report.problems()).isEmpty();
            assertThat(report.status()).isEqualTo(GradeReport.Status.PASSED);
            assertThat(report.score()).isEqualTo(3);
        }

        @Test
        void compileErrorsNameTheLearnersFileLineAndMessage() throws Exception {
            Path file = dir.resolve("MyFixture.java");
            Files.writeString(file, GOOD.replace("return a + b;", "return a + c;"));

            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(file));

            assertThat(report.status()).isEqualTo(GradeReport.Status.ERROR);
            assertThat(report.problems()).singleElement().asString()
                    .startsWith("MyFixture.java:6: ").contains("cannot find symbol");
            assertThat(report.checks()).allMatch(c -> c.outcome() == Outcome.NOT_RUN && c.points() == 0);
        }

        @Test
        void rejectedCodeIsNotRun() throws Exception {
            Path file = dir.resolve("MyFixture.java");
            Files.writeString(file, GOOD.replace("public void idle() { }", "public void idle() { System.exit(0); }"));

            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(file));

            assertThat(report.status()).isEqualTo(GradeReport.Status.ERROR);
            assertThat(report.problems()).singleElement().asString().contains("MyFixture.idle() uses System.exit");
        }

        @Test
        void aMissingPathSaysWhatToPass() {
            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(dir.resolve("nope")));

            assertThat(report.status()).isEqualTo(GradeReport.Status.ERROR);
            assertThat(report.problems()).singleElement().asString().contains("does not exist");
        }
    }

    @Nested
    class Notebooks {

        private Path notebook(String json) throws Exception {
            Path nb = dir.resolve("solution.ipynb");
            Files.writeString(nb, json);
            return nb;
        }

        private String cell(String tag, String... lines) {
            var src = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                src.append(i == 0 ? "" : ",").append('"').append(lines[i].replace("\"", "\\\"")).append("\\n\"");
            }
            return "{\"cell_type\":\"code\",\"metadata\":{\"tags\":[\"" + tag + "\"]},\"source\":[" + src
                    + "],\"outputs\":[],\"execution_count\":null}";
        }

        @Test
        void taggedCellsAreCompiledWithSharedImportsAndErrorsPointIntoTheCell() throws Exception {
            Path nb = notebook("{\"cells\":[" + cell("exercise:fixture", "import org.workdistlab.grader.fixtures.Fixture;")
                    + "," + cell("other", "this is not java")
                    + "," + cell("exercise:fixture", "public class MyFixture implements Fixture {",
                    "  public int add(int a, int b) { return a + b; }", "  public void idle() { }",
                    "  public String name() { return nope; }", "}")
                    + "],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");

            CompiledSubmission compiled = SubmissionCompiler.compile(new SubmissionSource.Sources(nb), "fixture",
                    List.of(Path.of(org.workdistlab.grader.fixtures.Fixture.class.getProtectionDomain().getCodeSource()
                            .getLocation().toURI())), dir.resolve("classes"));

            assertThat(compiled.errors()).singleElement().asString()
                    .isEqualTo("solution.ipynb cell 3:4: cannot find symbol");
        }

        @Test
        void aGoodNotebookIsGraded() throws Exception {
            Path nb = notebook("{\"cells\":[" + cell("exercise:fixture", GOOD.lines()
                    .filter(l -> !l.startsWith("package")).toArray(String[]::new))
                    + "],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");

            GradeReport report = Fixtures.grader().checks(List.of("names")).build()
                    .grade("fixture", new SubmissionSource.Sources(nb));

            assertThat(report.problems()).isEmpty();
            assertThat(report.score()).isEqualTo(1);
        }

        @Test
        void aNotebookWithoutTheTagSaysWhichTagIsMissing() throws Exception {
            Path nb = notebook("{\"cells\":[" + cell("exercise:batcher", "class X {}") + "]}");

            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(nb));

            assertThat(report.status()).isEqualTo(GradeReport.Status.ERROR);
            assertThat(report.problems()).singleElement().asString()
                    .contains("no code cell in solution.ipynb is tagged exercise:fixture");
        }

        @Test
        void malformedJsonIsOneLineWithWhereItBroke() throws Exception {
            Path nb = notebook("{\"cells\": [ {\"cell_type\": \"code\",, } ]");

            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(nb));

            assertThat(report.problems()).singleElement().asString()
                    .startsWith("solution.ipynb is not valid notebook JSON (line 1, column")
                    .doesNotContain("\n");
        }

        @Test
        void aTruncatedNotebookSaysSoWithoutJacksonsInternals() throws Exception {
            Path nb = notebook("{\"cells\": 3");

            GradeReport report = Fixtures.grade(new SubmissionSource.Sources(nb));

            assertThat(report.problems()).singleElement().asString()
                    .startsWith("solution.ipynb is not valid notebook JSON (line ")
                    .contains("expected close marker for Object")
                    .endsWith("; open it in Jupyter and save it again")
                    .doesNotContain("Source:").doesNotContain("\n");
        }
    }
}
