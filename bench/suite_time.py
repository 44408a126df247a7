"""Issue 11's suite times: `make test-fast` and `make test` on a clean clone (no .cache/, no bytecode,
no pytest cache), as CI runs them. Wall-clock seconds and CPU seconds of each run; the clone shares
this checkout's .venv (installing it is `make setup`'s time, not the suite's).

    .venv/bin/python bench/suite_time.py [--runs 1] [--json bench/suite.json]

Commit the JSON it writes; the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.dont_write_bytecode = True

from common import PROJECT, git_state, machine, median  # noqa: E402


def clean_clone(work: Path) -> Path:
    """HEAD of this checkout, cloned (so uncommitted changes are not measured), with its .venv linked."""
    clone = work / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(PROJECT), str(clone)], check=True)
    (clone / ".venv").symlink_to((PROJECT / ".venv").resolve())
    return clone


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy since boot (/proc/stat): unlike rusage of the
    children, this counts the browser processes Playwright starts, which are not our children."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]   # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def loop_seconds() -> float:
    """CPU seconds of a fixed pure-Python loop, best of three, just before a run: how fast this
    (shared, virtual) machine is right now. The same commit's suite times vary by a third between
    hours here; compare runs through this figure, not the wall times alone."""
    def once() -> float:
        started, total = time.process_time(), 0
        for number in range(5_000_000):
            total += number
        return time.process_time() - started
    return round(min(once() for _ in range(3)), 3)


def timed_make(clone: Path, target: str) -> dict[str, Any]:
    """Run `make TARGET` in the clone; wall and CPU seconds, the pytest summary line."""
    speed = loop_seconds()
    before, busy_before = resource.getrusage(resource.RUSAGE_CHILDREN), machine_busy_s()
    started = time.perf_counter()
    done = subprocess.run(["make", target], cwd=clone, capture_output=True, text=True, timeout=3600,
                          env={**os.environ, "NO_COLOR": "1"})
    wall = time.perf_counter() - started
    after, busy_after = resource.getrusage(resource.RUSAGE_CHILDREN), machine_busy_s()
    summary = [line for line in done.stdout.splitlines() if re.search(r"\d+ (passed|failed)", line)]
    if done.returncode != 0:
        raise SystemExit(f"make {target} failed in the clean clone:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return {"wall_s": round(wall, 1),
            "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1),
            "machine_busy_cpu_s": round(busy_after - busy_before, 1),
            "loop_s": speed,
            "summary": summary[-1].strip("= ") if summary else ""}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs of each target, each in a fresh clone")
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("suite.json"))
    args = parser.parse_args()
    targets = {"test-fast": 30.0, "test": 120.0}
    results: dict[str, Any] = {"measured": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **git_state(), "machine": machine(),
                               "note": "wall-clock seconds on a clean clone; cpu_s = user + system of make and the processes it "
                                       "waited for (not the browsers); machine_busy_cpu_s = busy CPU of the whole "
                                       "machine during the run (2 cores: at most 2 × wall); loop_s = CPU seconds of a fixed "
                                       "Python loop just before the run (the machine's speed at the time)"}
    for target, goal in targets.items():
        runs = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="bench-suite-") as tmp:
                run = timed_make(clean_clone(Path(tmp)), target)
            print(f"make {target}: {run['wall_s']} s wall, {run['machine_busy_cpu_s']} s busy CPU, "
                  f"loop {run['loop_s']} s — {run['summary']}",
                  flush=True)
            runs.append(run)
        results[target] = {"wall_s_median": median([r["wall_s"] for r in runs]), "target_wall_s": goal, "runs": runs}
    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
