"""Interrupt through a real jupyter_client (KernelManager.interrupt_kernel, which sends interrupt_request on
control because kernel.json says interrupt_mode "message"), on Java 17 and on Temurin 25.

Checks behaviour, not speed: the cell ends and reports the interrupt, the threads that were spinning stop
burning CPU (their utime + stime in /proc/<pid>/task stop growing), and the next cell still sees earlier
definitions.
"""
import time
import unittest
from pathlib import Path

import kernel_env

SAFETY = 60  # seconds; a client call that takes this long has hung


JVM_THREADS = ("C1 ", "C2 ", "GC ", "G1 ", "VM ", "Sweeper", "Common-Cleaner", "Signal", "Finalizer",
               "Reference", "Service Thread", "Monitor Deflati", "Notification")


def thread_ticks(pid):
    """{tid: (name, utime + stime)} for every thread of the process."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            name = (task / "comm").read_text().strip()
            stat = (task / "stat").read_text()
        except OSError:
            continue  # the thread ended meanwhile
        fields = stat[stat.rindex(")") + 2:].split()
        out[task.name] = (name, int(fields[11]) + int(fields[12]))
    return out


def busy_threads(pid, window):
    """Threads of the process (not the JVM's own) that used CPU during ``window`` seconds: {tid: ticks}."""
    before = thread_ticks(pid)
    time.sleep(window)
    after = thread_ticks(pid)
    return {tid: t - before[tid][1] for tid, (name, t) in after.items()
            if tid in before and t > before[tid][1] and not name.startswith(JVM_THREADS)}


class InterruptContract:
    """Mixed into one TestCase per JDK; ``java`` names the launcher."""
    java = None

    @classmethod
    def setUpClass(cls):
        name = kernel_env.KERNEL_NAME
        if cls.java is not None:
            if not Path(cls.java).exists():
                raise AssertionError(f"{cls.java} is missing: this test needs that JDK installed")
            name = kernel_env.kernelspec_with_java(cls.java, f"{kernel_env.KERNEL_NAME}-{Path(cls.java).parents[1].name}")
        cls.kernel = kernel_env.RunningKernel(name)
        status, _ = cls.kernel.value("int kept = 41;")
        assert status == "ok", status

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def interrupt_while_running(self, code, spinning_threads=0):
        """Starts ``code``, waits until it runs (and until ``spinning_threads`` threads burn CPU), interrupts it.

        Returns (reply content, the ids of the threads that were spinning). On a loaded machine a spinning thread
        gets little CPU, but never none, so spinning is "used CPU in each of two windows", not a share of a core.
        """
        kc, km = self.kernel.kc, self.kernel.km
        msg_id = kc.execute(code)
        spinning = set()
        try:
            while True:  # this cell's busy status: the kernel has taken the request
                msg = kc.get_iopub_msg(timeout=SAFETY)
                if msg["parent_header"].get("msg_id") == msg_id and msg["content"].get("execution_state") == "busy":
                    break
            time.sleep(0.3)
            for _ in range(60):
                if len(spinning) >= spinning_threads:
                    break
                spinning = set(busy_threads(self.kernel.pid, 0.5)) & set(busy_threads(self.kernel.pid, 0.5))
        finally:
            km.interrupt_kernel()  # always, so a failed check never leaves the kernel spinning
        reply = kc.get_shell_msg(timeout=SAFETY)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertGreaterEqual(len(spinning), spinning_threads, "the cell's threads never showed up spinning")
        return reply["content"], spinning

    def assert_stopped(self, spinning):
        """None of ``spinning`` uses CPU any more (or exists)."""
        still = {tid: ticks for tid, ticks in busy_threads(self.kernel.pid, 1.5).items()
                 if tid in spinning and ticks > 1}
        self.assertEqual(still, {}, "threads still burning CPU after the interrupt: {tid: ticks in 1.5 s}")

    def assert_reports_interrupt(self, content):
        self.assertEqual(content["status"], "error")
        self.assertIn("Interrupt", content["ename"])

    def test_busy_loop_stops_and_its_core_is_released(self):
        content, spinning = self.interrupt_while_running("while (true) {}", spinning_threads=1)
        self.assert_reports_interrupt(content)
        self.assert_stopped(spinning)
        self.assertEqual(self.kernel.value("kept + 1"), ("ok", "42"))

    def test_sleep_ends(self):
        content, _ = self.interrupt_while_running("Thread.sleep(1_000_000);")
        self.assert_reports_interrupt(content)
        self.assertEqual(self.kernel.value("kept + 1"), ("ok", "42"))

    def test_worker_threads_the_cell_started_stop_too(self):
        code = ("for (int i = 0; i < 2; i++) new Thread(() -> { long n = 0; while (true) { n++; } }).start();\n"
                "Thread.sleep(1_000_000);")
        content, spinning = self.interrupt_while_running(code, spinning_threads=2)
        self.assert_reports_interrupt(content)
        self.assert_stopped(spinning)
        self.assertEqual(self.kernel.value("kept + 1"), ("ok", "42"))


class InterruptOnJava17(InterruptContract, unittest.TestCase):
    java = str(kernel_env.JAVA_17) if kernel_env.JAVA_17 else "/usr/lib/jvm/java-17-openjdk (not found)"

    def test_the_kernel_runs_on_java_17(self):
        self.assertEqual(self.kernel.value("Runtime.version().feature()"), ("ok", "17"))


class InterruptOnTemurin25(InterruptContract, unittest.TestCase):
    java = str(kernel_env.TEMURIN_25)

    def test_the_kernel_runs_on_java_25(self):
        self.assertEqual(self.kernel.value("Runtime.version().feature()"), ("ok", "25"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
