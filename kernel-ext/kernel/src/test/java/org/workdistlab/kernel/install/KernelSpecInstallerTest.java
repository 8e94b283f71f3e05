package org.workdistlab.kernel.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {

    @TempDir
    Path tmp;
    Path dist;

    @BeforeEach
    void distribution() throws IOException {
        dist = Files.createDirectories(tmp.resolve("dist/lib"));
        dist = dist.getParent();
        Files.writeString(dist.resolve("kernel.jar"), "jar");
        Files.writeString(dist.resolve("lib/jeromq.jar"), "dep");
    }

    private KernelSpecInstaller installer(Map<String, String> env) {
        return new KernelSpecInstaller(dist, env, () -> tmp.resolve("usr"));
    }

    private static JsonNode read(Path spec) throws IOException {
        return new ObjectMapper().readTree(spec.resolve("kernel.json").toFile());
    }

    @Nested
    class Locations {

        @Test
        void userRespectsJupyterDataDir() {
            Path data = tmp.resolve("data");
            Path spec = installer(Map.of("JUPYTER_DATA_DIR", data.toString()))
                    .install(InstallOptions.parse(List.of("--user"), false));
            assertThat(spec).isEqualTo(data.resolve("kernels/wdl-java"));
        }

        @Test
        void userDefaultsToTheHomeDataDir() throws IOException {
            Path home = Files.createDirectories(tmp.resolve("home"));
            Path spec = installer(Map.of("HOME", home.toString())).install(InstallOptions.parse(List.of(), false));
            assertThat(spec).isEqualTo(home.resolve(".local/share/jupyter/kernels/wdl-java"));
        }

        @Test
        void sysPrefixAndPrefix() throws IOException {
            Path sys = installer(Map.of()).install(InstallOptions.parse(List.of("--sys-prefix", "--name", "j"), false));
            assertThat(sys).isEqualTo(tmp.resolve("usr/share/jupyter/kernels/j"));
            Path prefix = Files.createDirectories(tmp.resolve("venv"));
            Path spec = installer(Map.of()).install(InstallOptions.parse(List.of("--prefix", prefix.toString()), false));
            assertThat(spec).isEqualTo(prefix.resolve("share/jupyter/kernels/wdl-java"));
        }
    }

    @Test
    void theKernelspecIsSelfContainedAndRunsTheCopiedJarInMessageInterruptMode() throws IOException {
        Path startup = Files.writeString(tmp.resolve("imports.jsh"), "import java.util.*;");
        Path extra = Files.createDirectories(tmp.resolve("classes"));
        Path spec = installer(Map.of("JUPYTER_DATA_DIR", tmp.resolve("d").toString())).install(InstallOptions.parse(
                List.of("--display-name", "Java (course)", "--classpath", extra.toString(), "--startup",
                        startup.toString(), "--heap", "768m"), false));
        assertThat(spec.resolve("kernel.jar")).hasContent("jar");
        assertThat(spec.resolve("lib/jeromq.jar")).hasContent("dep");
        JsonNode json = read(spec);
        assertThat(json.path("language").asText()).isEqualTo("java");
        assertThat(json.path("interrupt_mode").asText()).isEqualTo("message");
        assertThat(json.path("display_name").asText()).isEqualTo("Java (course)");
        List<String> argv = new ObjectMapper().convertValue(json.path("argv"), List.class);
        assertThat(Path.of(argv.get(0))).isAbsolute();
        assertThat(argv).contains("-Xmx768m", "-Djava.awt.headless=true", "-jar",
                spec.resolve("kernel.jar").toString(), "run", "--classpath", extra.toString(), "--startup",
                startup.toString());
        assertThat(argv.get(argv.size() - 1)).isEqualTo("{connection_file}");
        assertThat(argv.indexOf("-jar")).isLessThan(argv.indexOf("run"));
    }

    @Test
    void installingTwiceReplacesAndUninstallRemoves() throws IOException {
        var installer = installer(Map.of("JUPYTER_DATA_DIR", tmp.resolve("d").toString()));
        Path spec = installer.install(InstallOptions.parse(List.of(), false));
        Files.writeString(spec.resolve("stale.txt"), "left over");
        Files.writeString(dist.resolve("kernel.jar"), "jar v2");
        assertThat(installer.install(InstallOptions.parse(List.of(), false))).isEqualTo(spec);
        assertThat(spec.resolve("kernel.jar")).hasContent("jar v2");
        assertThat(spec.resolve("stale.txt")).doesNotExist();
        assertThat(installer.uninstall(InstallOptions.parse(List.of(), true))).isEqualTo(spec);
        assertThat(spec).doesNotExist();
        assertThat(installer.uninstall(InstallOptions.parse(List.of(), true))).isNull();
    }

    @Nested
    class BadInput {

        @Test
        void eachProblemIsOneLineThatSaysWhatToDo() {
            assertOneLine(() -> InstallOptions.parse(List.of("--frobnicate"), false), "unknown option '--frobnicate'");
            assertOneLine(() -> InstallOptions.parse(List.of("--user", "--sys-prefix"), false), "only one of");
            assertOneLine(() -> InstallOptions.parse(List.of("--prefix"), false), "--prefix needs a value");
            assertOneLine(() -> InstallOptions.parse(List.of("--name", "a b"), false), "not a valid kernelspec name");
            assertOneLine(() -> InstallOptions.parse(List.of("--heap", "lots"), false), "not a heap size");
            assertOneLine(() -> InstallOptions.parse(List.of("--startup", "/no/such.jsh"), false), "no such file");
            assertOneLine(() -> InstallOptions.parse(List.of("--heap", "1g"), true), "install option");
        }

        @Test
        void aMissingPrefixOrHomeOrUnwritableFolderIsReported() throws IOException {
            assertOneLine(() -> installer(Map.of()).install(InstallOptions.parse(
                    List.of("--prefix", tmp.resolve("nope").toString()), false)), "not an existing folder");
            assertOneLine(() -> installer(Map.of("HOME", tmp.resolve("gone").toString()))
                    .install(InstallOptions.parse(List.of("--user"), false)), "set JUPYTER_DATA_DIR");
            Path file = Files.writeString(tmp.resolve("a-file"), "x");
            assertOneLine(() -> installer(Map.of("JUPYTER_DATA_DIR", file.toString()))
                    .install(InstallOptions.parse(List.of("--user"), false)), "cannot write");
        }

        @Test
        void aDistributionWithoutTheJarIsReported() throws IOException {
            Files.delete(dist.resolve("kernel.jar"));
            assertOneLine(() -> installer(Map.of("JUPYTER_DATA_DIR", tmp.toString()))
                    .install(InstallOptions.parse(List.of(), false)), "no kernel.jar");
        }

        private void assertOneLine(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String expected) {
            assertThatThrownBy(call).isInstanceOf(UsageException.class).hasMessageContaining(expected)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
