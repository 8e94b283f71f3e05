"""Kernel benchmark (not a test): drives the kernel through a real jupyter_client and prints medians and spreads.

    /usr/bin/python3 kernel-ext/kernel/src/test/python/bench_kernel.py [--runs N] [--cold N] [--java PATH]
                                                                      [--kernel NAME]

Needs ``mvn -B -pl kernel-ext/kernel verify`` (or ``package test-compile``) first. Without ``--kernel`` it installs
the built distribution into a temporary folder, as the tests do; with ``--kernel NAME`` it uses an installed
kernelspec. Beside each kernel figure it prints the floor, measured in the same run by
``org.workdistlab.kernel.bench.JShellFloor`` with the kernel's own JVM flags: bare warm ``JShell.eval`` and bare
JShell completion. What the kernel adds is the difference.

Measured:
  cold start      Popen of the kernel to its first kernel_info_reply (JShell warms up in the background)
  1 + 1, println, class definition
                  warm round trip: execute_request sent to execute_reply and status idle both received
  complete, inspect
                  request sent to reply received
  shutdown        shutdown_request sent to the kernel process's exit
  peak RSS        VmHWM of the kernel process after the warm runs
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import kernel_env

CELLS = {
    "1 + 1": "1 + 1",
    'System.out.println("hi")': 'System.out.println("hi");',
    "class definition": "class Point {{ final int x, y; Point(int x, int y) {{ this.x = x; this.y = y; }} }} // {i}",
}


def ms(seconds):
    return seconds * 1000.0


def summary(xs):
    xs = sorted(xs)
    q = statistics.quantiles(xs, n=4) if len(xs) >= 4 else [xs[0], statistics.median(xs), xs[-1]]
    return {"median": statistics.median(xs), "min": xs[0], "max": xs[-1], "q1": q[0], "q3": q[2], "n": len(xs)}


def wait_idle(kc, msg_id, timeout=60):
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status" \
                and msg["content"]["execution_state"] == "idle":
            return


def round_trip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=60)
    wait_idle(kc, msg_id)
    t1 = time.perf_counter()
    assert reply["content"]["status"] == "ok", reply["content"]
    return ms(t1 - t0)


def request(kc, send):
    t0 = time.perf_counter()
    send()
    reply = kc.get_shell_msg(timeout=60)
    t1 = time.perf_counter()
    assert reply["content"]["status"] == "ok", reply["content"]
    return ms(t1 - t0), reply


def start(km_class, name):
    km = km_class(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    kc.get_shell_msg(timeout=60)
    return km, kc, ms(time.perf_counter() - t0)


def shutdown(km, kc):
    proc = km.provisioner.process
    t0 = time.perf_counter()
    kc.shutdown()
    proc.wait(timeout=30)
    t = ms(time.perf_counter() - t0)
    kc.stop_channels()
    km.cleanup_resources()
    return t


def vm_hwm_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


def floor(kernel_json, runs):
    argv = json.loads(Path(kernel_json).read_text())["argv"]
    java = argv[0]
    flags = [a for a in argv[1:argv.index("-jar")]]
    jar = argv[argv.index("-jar") + 1]
    classes = kernel_env.KERNEL_MODULE / "target" / "test-classes"
    if not (classes / "org/workdistlab/kernel/bench/JShellFloor.class").exists():
        raise SystemExit(f"{classes} has no JShellFloor: run 'mvn -B -pl kernel-ext/kernel verify' first")
    out = subprocess.run([java, *flags, "-cp", f"{classes}{os.pathsep}{jar}",
                          "org.workdistlab.kernel.bench.JShellFloor", str(runs)],
                         capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=30, help="warm repetitions per measurement")
    ap.add_argument("--cold", type=int, default=5, help="cold starts (each also measures shutdown and RSS)")
    ap.add_argument("--java", help="start the kernel with this java instead of the kernelspec's")
    ap.add_argument("--kernel", help="an installed kernelspec name (default: install the built one to a temp dir)")
    args = ap.parse_args()

    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    if args.kernel:
        name = args.kernel
    else:
        kernel_env.install()
        name = kernel_env.KERNEL_NAME
    if args.java:
        name = kernel_env.kernelspec_with_java(args.java, f"{name}-bench-java")
    spec_dir = Path(KernelSpecManager().get_kernel_spec(name).resource_dir)

    cold, shut, rss = [], [], []
    warm = {label: [] for label in CELLS}
    complete, inspect = [], []
    for c in range(args.cold):
        km, kc, t = start(KernelManager, name)
        cold.append(t)
        pid = kernel_env.kernel_pid(km)
        if c == 0:  # the warm measurements, on the first kernel
            # Rounds that take each cell in turn, so no cell is measured while the JVM is still warming up
            # (the first measured cell would otherwise pay for the JIT's early work).
            for i in range(args.runs + 5):
                for label, code in CELLS.items():
                    t = round_trip(kc, code.format(i=i))
                    if i >= 5:
                        warm[label].append(t)
            for i in range(args.runs + 5):
                t1, reply = request(kc, lambda: kc.complete("Math.ma", 7))
                t2, found = request(kc, lambda: kc.inspect("String", 6))
                assert reply["content"]["matches"], reply["content"]
                assert found["content"]["found"], found["content"]
                if i >= 5:
                    complete.append(t1)
                    inspect.append(t2)
        else:
            round_trip(kc, "1 + 1")
        rss.append(vm_hwm_mib(pid))
        shut.append(shutdown(km, kc))
        holder = type("Holder", (), {})()
        holder.km, holder.kc = km, kc
        del km, kc
        kernel_env.release(holder, "km", "kc")

    fl = floor(spec_dir / "kernel.json", args.runs)
    eval_floor = summary(fl["eval_ms"])
    println_floor = summary(fl["println_ms"])
    complete_floor = summary(fl["complete_ms"])

    rows = [
        ("cold start to kernel_info_reply", summary(cold), None, "ms", "< 600 ms"),
        ("1 + 1 (execute to idle)", summary(warm["1 + 1"]), eval_floor, "ms", "floor + 5 ms"),
        ('System.out.println("hi")', summary(warm['System.out.println("hi")']), println_floor, "ms", "floor + 5 ms"),
        ("class definition", summary(warm["class definition"]), None, "ms", ""),
        ("complete Math.ma", summary(complete), complete_floor, "ms", "< 15 ms"),
        ("inspect String", summary(inspect), None, "ms", "< 15 ms"),
        ("shutdown to process exit", summary(shut), None, "ms", "< 500 ms"),
        ("peak RSS (VmHWM)", summary(rss), None, "MiB", "< 300 MiB"),
    ]
    print(f"Kernel benchmark: kernelspec {name}, java {json.loads((spec_dir / 'kernel.json').read_text())['argv'][0]}")
    print(f"warm runs: {args.runs} after 5 warm-ups; cold starts: {args.cold}; load average now: "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    head = f"{'measure':34} {'median':>9} {'q1..q3':>17} {'min..max':>17}   {'floor median':>12} {'kernel-floor':>12}  target"
    print(head)
    print("-" * len(head))
    for label, s, f, unit, target in rows:
        spread = f"{s['q1']:.1f}..{s['q3']:.1f}"
        rng = f"{s['min']:.1f}..{s['max']:.1f}"
        fl_med = f"{f['median']:.1f}" if f else "-"
        diff = f"{s['median'] - f['median']:+.1f}" if f else "-"
        print(f"{label:34} {s['median']:>7.1f}{unit[:3]:>3} {spread:>16} {rng:>17}   {fl_med:>12} {diff:>12}  {target}")
    print("floor: bare warm JShell (local execution) in a JVM with the kernel's flags; eval(\"1 + 1\"), "
          "eval(\"System.out.print(\\\"\\\")\"), completionSuggestions(\"Math.ma\").")
    return 0


if __name__ == "__main__":
    sys.exit(main())
