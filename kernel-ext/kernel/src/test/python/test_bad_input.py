"""Bad input through a real jupyter_client: each is reported clearly and no client hangs.

Client timeouts are a safety net only (a hang fails the test instead of blocking the suite).
"""
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

import kernel_env
import test_notebook

SAFETY = 60


class BadInput(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.kernel = kernel_env.RunningKernel()
        assert cls.kernel.value("String greeting = \"hi\";")[0] == "ok"

    @classmethod
    def tearDownClass(cls):
        cls.kernel.close()

    def errors(self, outputs):
        return [c for t, c in outputs if t == "error"]

    def test_a_throwing_cell_shows_the_exception_and_only_cell_frames(self):
        reply, outputs = self.kernel.execute(
            "int parse(String s) { return Integer.parseInt(s); }\nparse(\"forty-two\")")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "NumberFormatException")
        self.assertIn("forty-two", reply["evalue"])
        [error] = self.errors(outputs)
        trace = "\n".join(error["traceback"])
        self.assertIn("NumberFormatException", trace)
        self.assertNotIn("org.workdistlab.kernel", trace)
        self.assertNotIn("jdk.jshell", trace)
        self.assertEqual(self.kernel.value("greeting"), ("ok", "hi"))

    def test_a_cell_that_does_not_compile_points_at_line_and_column(self):
        reply, outputs = self.kernel.execute("int ok = 1;\nint bad = \"text\";")
        self.assertEqual(reply["status"], "error")
        [error] = self.errors(outputs)
        trace = "\n".join(error["traceback"])
        self.assertIn("incompatible types", trace)
        self.assertIn("2", trace)  # the cell line
        self.assertIn("^", trace)  # a marker under the column
        self.assertEqual(self.kernel.value("greeting"), ("ok", "hi"))

    def test_ten_megabytes_of_output_arrive_and_the_kernel_stays_responsive(self):
        code = ("String line = \"x\".repeat(1023) + \"\\n\";\n"
                "for (int i = 0; i < 10 * 1024; i++) System.out.print(line);")
        reply, outputs = self.kernel.execute(code, timeout=300)
        self.assertEqual(reply["status"], "ok")
        text = "".join(c["text"] for t, c in outputs if t == "stream" and c["name"] == "stdout")
        self.assertEqual(len(text), 10 * 1024 * 1024)
        self.assertEqual(text.count("\n"), 10 * 1024)
        self.assertEqual(self.kernel.value("1 + 1"), ("ok", "2"))

    def test_system_exit_is_reported_the_process_ends_and_a_restart_works(self):
        kernel = kernel_env.RunningKernel()
        try:
            self.assertEqual(kernel.value("int before = 1;")[0], "ok")
            reply, outputs = kernel.execute("System.exit(1);", timeout=SAFETY)
            self.assertEqual(reply["status"], "error")
            self.assertEqual(reply["ename"], "SystemExit")
            self.assertIn("restart", reply["evalue"])
            self.assertTrue(self.errors(outputs), "the error is shown in the cell too")
            deadline = time.monotonic() + SAFETY
            while kernel.km.is_alive() and time.monotonic() < deadline:
                time.sleep(0.1)
            self.assertFalse(kernel.km.is_alive(), "the kernel process should have ended")
            kernel.restart()
            self.assertEqual(kernel.value("1 + 1"), ("ok", "2"))
            status, _ = kernel.value("before")
            self.assertEqual(status, "error", "a restarted kernel starts fresh")
        finally:
            kernel.close()

    def test_nbclient_does_not_hang_on_system_exit(self):
        nb = new_notebook(cells=[new_code_cell("System.out.println(\"about to exit\");"),
                                 new_code_cell("System.exit(1);"), new_code_cell("1 + 1")])
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "exits.ipynb"
            nbformat.write(nb, path)
            run = test_notebook.execute(path, Path(tmp) / "out", timeout=SAFETY)
        self.assertNotEqual(run.returncode, 0)
        self.assertIn("SystemExit", run.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
