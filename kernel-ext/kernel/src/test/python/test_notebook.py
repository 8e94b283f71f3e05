"""A notebook executed headless by ``jupyter nbconvert --execute`` (nbclient) with the Java kernel.

The stored notebook has no outputs; the test executes it into a temporary folder and checks each cell's
output by MIME type and content.
"""
import base64
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

import kernel_env

NOTEBOOK = kernel_env.KERNEL_MODULE / "src" / "test" / "notebooks" / "kernel-smoke.ipynb"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def execute(notebook, out_dir, timeout=120):
    """Runs nbconvert --execute with the test kernelspec; returns the completed process."""
    kernel_env.install()
    return subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         f"--ExecutePreprocessor.kernel_name={kernel_env.KERNEL_NAME}",
         f"--ExecutePreprocessor.timeout={timeout}",
         "--output-dir", str(out_dir), str(notebook)],
        capture_output=True, text=True, timeout=timeout * 3, env=os.environ.copy())


class NotebookExecution(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        stored = nbformat.read(NOTEBOOK, as_version=4)
        cls.stored_outputs = sum(len(c.get("outputs", [])) for c in stored.cells if c.cell_type == "code")
        cls.tmp = tempfile.TemporaryDirectory()
        cls.nbconvert = execute(NOTEBOOK, cls.tmp.name)
        out = Path(cls.tmp.name) / NOTEBOOK.name
        cls.cells = ([c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
                     if out.exists() else [])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_stored_notebook_has_no_outputs(self):
        self.assertEqual(self.stored_outputs, 0)

    def test_nbconvert_succeeds(self):
        self.assertEqual(self.nbconvert.returncode, 0, self.nbconvert.stderr[-3000:])
        self.assertEqual(len(self.cells), 4)

    def test_stdout_cell(self):
        out = self.cells[0].outputs
        self.assertEqual([o.output_type for o in out], ["stream"])
        self.assertEqual(out[0].name, "stdout")
        self.assertEqual(out[0].text, "hello from a notebook cell\n")

    def test_execute_result_cell(self):
        out = self.cells[1].outputs
        self.assertEqual([o.output_type for o in out], ["execute_result"])
        self.assertEqual(out[0].data["text/plain"], "42")
        self.assertEqual(out[0].execution_count, self.cells[1].execution_count)

    def test_xchart_cell_is_a_png(self):
        out = [o for o in self.cells[2].outputs if o.output_type == "display_data"]
        self.assertEqual(len(out), 1, self.cells[2].outputs)
        png = base64.b64decode(out[0].data["image/png"])
        self.assertTrue(png.startswith(PNG_MAGIC), png[:16])
        self.assertGreater(len(png), 1000, "a 400x300 chart is more than a blank pixel")
        self.assertIn("text/plain", out[0].data)

    def test_tablesaw_cell_is_an_html_table(self):
        out = self.cells[3].outputs
        self.assertEqual([o.output_type for o in out], ["execute_result"])
        html = out[0].data["text/html"]
        self.assertIn("<table", html)
        for text in ("threads", "speedup", "3.1"):
            self.assertIn(text, html)


if __name__ == "__main__":
    unittest.main(verbosity=2)
