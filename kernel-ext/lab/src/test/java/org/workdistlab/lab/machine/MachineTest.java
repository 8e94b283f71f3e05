package org.workdistlab.lab.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup CPU limits parsed from sample file contents laid out as the kernel lays them out. */
class MachineTest {

    @TempDir
    Path root;

    @Test
    void cgroupV2CpuMaxGivesCpusAsQuotaOverPeriod() {
        assertThat(Machine.parseCpuMax("150000 100000")).hasValue(1.5);
        assertThat(Machine.parseCpuMax("50000 100000\n")).hasValue(0.5);
        assertThat(Machine.parseCpuMax("max 100000")).isEmpty();
        assertThat(Machine.parseCpuMax("garbage")).isEmpty();
    }

    @Test
    void cgroupV1QuotaMinusOneMeansNoLimit() {
        assertThat(Machine.parseCfs("200000", "100000")).hasValue(2.0);
        assertThat(Machine.parseCfs("-1", "100000")).isEmpty();
        assertThat(Machine.parseCfs("100000", "0")).isEmpty();
    }

    @Test
    void detectsAV2LimitAtTheRoot() throws IOException {
        write("cpu.max", "100000 100000\n");
        var m = Machine.detect(root, root.resolve("no-such-proc-file"));
        assertThat(m.cpuLimit()).isEqualTo(1.0);
        assertThat(m.cpuLimitSource()).endsWith("cpu.max");
        assertThat(m.effectiveCpus()).isEqualTo(Math.min(1.0, m.availableProcessors()));
        assertThat(m.summary()).contains("limit 1");
    }

    @Test
    void prefersTheProcessOwnV2CgroupOverTheRoot() throws IOException {
        write("cpu.max", "max 100000\n");
        write("user.slice/lab/cpu.max", "250000 100000\n");
        write("proc-self-cgroup", "0::/user.slice/lab\n");
        var m = Machine.detect(root, root.resolve("proc-self-cgroup"));
        assertThat(m.cpuLimit()).isEqualTo(2.5);
    }

    @Test
    void detectsAV1CfsQuota() throws IOException {
        write("cpu,cpuacct/cpu.cfs_quota_us", "50000\n");
        write("cpu,cpuacct/cpu.cfs_period_us", "100000\n");
        var m = Machine.detect(root, root.resolve("none"));
        assertThat(m.cpuLimit()).isEqualTo(0.5);
        assertThat(m.effectiveCpus()).isEqualTo(0.5);
    }

    @Test
    void v1WithoutQuotaAndNoFilesMeanNoLimit() throws IOException {
        var none = Machine.detect(root, root.resolve("none"));
        assertThat(none.cpuLimit()).isNull();
        assertThat(none.cpuLimitSource()).startsWith("unknown");
        assertThat(none.effectiveCpus()).isEqualTo(none.availableProcessors());

        write("cpu/cpu.cfs_quota_us", "-1\n");
        write("cpu/cpu.cfs_period_us", "100000\n");
        var unlimited = Machine.detect(root, root.resolve("none"));
        assertThat(unlimited.cpuLimit()).isNull();
        assertThat(unlimited.cpuLimitSource()).contains("-1");
    }

    @Test
    void describesTheJvmAndTheDate() {
        var m = Machine.detect();
        assertThat(m.availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.jvmVersion()).isNotBlank();
        assertThat(m.maxHeapBytes()).isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(m.detectedAt()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(m.toString()).startsWith("Machine: ");
    }

    private void write(String rel, String content) throws IOException {
        var p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
