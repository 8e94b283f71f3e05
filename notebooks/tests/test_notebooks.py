"""The course notebooks, executed headless the way a learner's Jupyter runs them.

The kernel is installed as ``./lab start`` installs it (the lab toolkit on the cells' class path, its start-up
imports), but into a temporary Jupyter folder, never the user's. Every notebook in ``notebooks/`` must be stored
without outputs, name the course kernel, and run top to bottom without an error through
``jupyter nbconvert --execute`` (nbclient).

Needs the built kernel and toolkit (``./lab build`` or ``mvn -B verify``).
"""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL_DIST = ROOT / "kernel-ext" / "kernel" / "target" / "kernel-dist"
LAB_DIST = ROOT / "kernel-ext" / "lab" / "target" / "lab-dist"
COURSE_KERNEL = "java-wdl"  # what ./lab start installs and the notebooks name
TEST_KERNEL = "wdl-course-test"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _java():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java") or "java"


def install_course_kernel():
    """Installs the kernel with the toolkit into a temporary prefix; points Jupyter at it."""
    for needed in (KERNEL_DIST / "kernel.jar", LAB_DIST / "lab.jar", LAB_DIST / "lab-startup.jsh"):
        if not needed.exists():
            raise RuntimeError(f"{needed} is missing: build first with './lab build'")
    prefix = Path(tempfile.mkdtemp(prefix="wdl-course-test-"))
    atexit.register(shutil.rmtree, prefix, True)
    classpath = os.pathsep.join(str(p) for p in [LAB_DIST / "lab.jar", *sorted((LAB_DIST / "lib").glob("*.jar"))])
    subprocess.run([_java(), "-jar", str(KERNEL_DIST / "kernel.jar"), "install", "--prefix", str(prefix),
                    "--name", TEST_KERNEL, "--classpath", classpath, "--startup", str(LAB_DIST / "lab-startup.jsh")],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = str(prefix / "share" / "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(prefix / "runtime")


class CourseNotebooks(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        install_course_kernel()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.executed = {}
        for nb in NOTEBOOKS:
            run = subprocess.run(
                [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                 f"--ExecutePreprocessor.kernel_name={TEST_KERNEL}", "--ExecutePreprocessor.timeout=300",
                 "--output-dir", cls.tmp.name, str(nb)],
                capture_output=True, text=True, timeout=900, env=os.environ.copy())
            out = Path(cls.tmp.name) / nb.name
            cells = ([c for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code"]
                     if out.exists() else None)
            cls.executed[nb.name] = (run, cells)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_there_are_notebooks(self):
        self.assertTrue(NOTEBOOKS, "no notebooks in notebooks/")

    def test_stored_without_outputs_and_naming_the_course_kernel(self):
        for nb in NOTEBOOKS:
            with self.subTest(notebook=nb.name):
                doc = nbformat.read(nb, as_version=4)
                nbformat.validate(doc)
                self.assertEqual(doc.metadata.kernelspec.name, COURSE_KERNEL)
                for c in doc.cells:
                    if c.cell_type == "code":
                        self.assertEqual(c.outputs, [], f"a stored output in: {c.source[:60]}")
                        self.assertIsNone(c.execution_count)

    def test_every_notebook_runs_without_an_error(self):
        for name, (run, cells) in self.executed.items():
            with self.subTest(notebook=name):
                self.assertEqual(run.returncode, 0, run.stderr[-3000:])
                errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
                self.assertEqual(errors, [])

    def test_start_here_shows_the_machine_a_chart_and_a_table(self):
        run, cells = self.executed["00-start-here.ipynb"]
        self.assertIsNotNone(cells, run.stderr[-3000:])
        by_source = {c.source.strip(): c.outputs for c in cells}
        machine = "".join(o.get("data", {}).get("text/plain", "") for o in by_source["Lab.machine()"])
        self.assertRegex(machine, r"(?i)cpu")
        pngs = [o.data["image/png"] for o in by_source["result.chart()"] if "image/png" in o.get("data", {})]
        self.assertEqual(len(pngs), 1, by_source["result.chart()"])
        import base64
        self.assertTrue(base64.b64decode(pngs[0]).startswith(PNG_MAGIC))
        html = [o.data["text/html"] for o in by_source["result.table()"] if "text/html" in o.get("data", {})]
        self.assertEqual(len(html), 1, by_source["result.table()"])
        self.assertIn("<table", html[0])
        for threads in ("1", "2", "3", "4"):
            self.assertRegex(html[0], rf"<td>\s*{threads}\s*</td>")


if __name__ == "__main__":
    unittest.main()
