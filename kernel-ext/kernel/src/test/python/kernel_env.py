"""Installs the built kernel into a temporary Jupyter data folder for the tests, never touching the user's.

The kernel must be built first (``mvn -B -pl kernel-ext/kernel package``), which lays out
``kernel-ext/kernel/target/kernel-dist``. Each test process installs once, with the kernel's own
``install --prefix`` command, and points ``JUPYTER_PATH`` at that prefix. ``kernelspec_with_java`` makes a
sibling kernelspec that starts the same jar with another JDK (``argv[0]`` replaced).
"""
import atexit
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
KERNEL_MODULE = HERE.parents[2]
DIST = KERNEL_MODULE / "target" / "kernel-dist"
KERNEL_NAME = "wdl-java-test"
TEMURIN_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
# Debian's Java 17 (the project's baseline), wherever the architecture suffix puts it
JAVA_17 = next(iter(sorted(Path("/usr/lib/jvm").glob("java-17-openjdk-*/bin/java"))), None)

_prefix = None


def _java():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java") or "java"


def install():
    """Installs the kernelspec once per process; returns the kernelspecs folder."""
    global _prefix
    if _prefix is None:
        jar = DIST / "kernel.jar"
        if not jar.exists():
            raise RuntimeError(f"{jar} is missing: build it with 'mvn -B -pl kernel-ext/kernel package' first")
        _prefix = Path(tempfile.mkdtemp(prefix="wdl-kernel-test-"))
        atexit.register(shutil.rmtree, _prefix, True)
        subprocess.run([_java(), "-jar", str(jar), "install", "--prefix", str(_prefix), "--name", KERNEL_NAME],
                       check=True, stdout=subprocess.DEVNULL)
        data = _prefix / "share" / "jupyter"
        os.environ["JUPYTER_PATH"] = str(data)
        # Keep runtime files (connection files) out of the user's folders too.
        os.environ["JUPYTER_RUNTIME_DIR"] = str(_prefix / "runtime")
    return _prefix / "share" / "jupyter" / "kernels"


def kernelspec_with_java(java, name):
    """A copy of the test kernelspec whose argv[0] is ``java``; returns its name."""
    kernels = install()
    spec = kernels / name
    if not spec.exists():
        spec.mkdir()
        doc = json.loads((kernels / KERNEL_NAME / "kernel.json").read_text())
        doc["argv"][0] = str(java)
        doc["display_name"] = f"{doc['display_name']} on {java}"
        (spec / "kernel.json").write_text(json.dumps(doc))
    return name


def kernel_pid(km):
    """The kernel's process id (jupyter_client's provisioner knows it)."""
    prov = getattr(km, "provisioner", None)
    if prov is not None and getattr(prov, "process", None) is not None:
        return prov.process.pid
    return km.kernel.pid


def cpu_ticks(pid):
    """utime + stime of a process, in clock ticks, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


def release(owner, *names):
    """Drops jupyter_client objects now: collected at interpreter exit they print noisy '__del__' warnings."""
    import gc
    for name in names:
        if hasattr(owner, name):
            delattr(owner, name)
    gc.collect()


class RunningKernel:
    """A kernel started through jupyter_client's KernelManager with a blocking client, for one test class."""

    def __init__(self, kernel_name=KERNEL_NAME, ready_timeout=60):
        from jupyter_client.manager import KernelManager
        install()
        self.km = KernelManager(kernel_name=kernel_name)
        self.km.start_kernel()
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=ready_timeout)

    @property
    def pid(self):
        return kernel_pid(self.km)

    def execute(self, code, timeout=60):
        """Runs a cell to idle; returns (reply content, list of (msg_type, content)) of its iopub output."""
        outputs = []
        reply = self.kc.execute_interactive(
            code, timeout=timeout,
            output_hook=lambda m: outputs.append((m["msg_type"], m["content"])))
        return reply["content"], [o for o in outputs if o[0] not in ("status", "execute_input")]

    def value(self, code):
        reply, outputs = self.execute(code)
        results = [c["data"]["text/plain"] for t, c in outputs if t == "execute_result"]
        return reply["status"], results[0] if results else None

    def restart(self):
        self.kc.stop_channels()
        self.km.restart_kernel(now=True)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def close(self):
        try:
            self.kc.stop_channels()
        finally:
            if self.km.has_kernel:
                self.km.shutdown_kernel(now=False)
            release(self, "kc", "km")
