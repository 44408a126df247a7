"""Run every benchmark and write bench/results.md (for people) and bench/results.json (everything).

1. a strict bilingual build of the current project into a temporary folder (measured below);
2. page weight per page type, static and in Debian's chromium, and the search index size
   (bench/page_weight.py, served by bench/serve.py on 127.0.0.1);
3. Lighthouse, mobile, on each page type in both languages (bench/lighthouse.py) unless
   ``--no-lighthouse``;
4. build time with and without our hooks, the time spent in each hook, and the ×10 scaling run
   (bench/build_time.py);
5. the CPU-time figures of the last `bench/speed.py` run (bench/speed.json), copied into the report.

A section that fails is recorded with its error and the others still run; the exit status is 1 then.
Everything is bounded by timeouts and talks to 127.0.0.1 only (plus the npm registry once, when
Lighthouse is not installed yet: ``npm ci --prefix bench``).

    make bench                         # everything (about 12 minutes on 2 cores)
    make bench BENCH=--no-lighthouse   # or: .venv/bin/python bench/run.py --no-lighthouse
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.dont_write_bytecode = True  # keep bench/ free of __pycache__

import build_time  # noqa: E402 - after the bytecode switch
import lighthouse  # noqa: E402
import page_weight  # noqa: E402
from common import BENCH, PROJECT, BuildFailed, git_state, machine, run_build  # noqa: E402
from report import write_markdown  # noqa: E402


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def section(results: dict[str, Any], name: str, work: Callable[[], Any]) -> bool:
    """Run one benchmark; store its result (or its error) under ``name``; True on success."""
    log(f"== {name}")
    started = time.perf_counter()
    try:
        results[name] = work()
        ok = True
    except (BuildFailed, lighthouse.LighthouseError, OSError, RuntimeError, ValueError) as exc:
        results[name] = {"error": str(exc)}
        log(f"   failed: {exc}")
        ok = False
    except Exception as exc:  # noqa: BLE001 - one broken section must not lose the others
        results[name] = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
        log(f"   failed: {type(exc).__name__}: {exc}")
        ok = False
    log(f"   ({time.perf_counter() - started:.0f} s)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description="Run all benchmarks; write bench/results.md and .json.")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser page-weight measurement")
    parser.add_argument("--no-scaling", action="store_true", help="skip the ×N scaling builds")
    parser.add_argument("--runs", type=int, default=5, help="timed builds per variant (default 5, at least 5 for results)")
    parser.add_argument("--scale", type=int, default=10, help="content copies for scaling (default 10)")
    parser.add_argument("--scale-runs", type=int, default=5, help="timed builds per scaling variant (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the run with the median performance is kept (default 3)")
    parser.add_argument("--output", type=Path, default=BENCH, help="folder for results.md/.json (default bench/)")
    args = parser.parse_args()

    started = dt.datetime.now(dt.timezone.utc)
    results: dict[str, Any] = {
        "date": started.isoformat(timespec="seconds"), "machine": machine(), "git": git_state(),
        "options": {"runs": args.runs, "scale": args.scale, "scale_runs": args.scale_runs,
                    "lighthouse": not args.no_lighthouse, "browser": not args.no_browser,
                    "scaling": not args.no_scaling, "lighthouse_runs": args.lighthouse_runs},
    }
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = Path(tmp) / "site"
        ok &= section(results, "build", lambda: {
            "seconds": round(run_build(PROJECT / "mkdocs.yml", site).seconds, 3),
            "pages": build_time.count_pages(site),
        })
        if site.joinpath("index.html").is_file():
            ok &= section(results, "page_weight", lambda: page_weight.measure(site, browser=not args.no_browser, log=log))
            if not args.no_lighthouse:
                ok &= section(results, "lighthouse", lambda: lighthouse.measure(site, args.lighthouse_runs, log=log))
    ok &= section(results, "build_time", lambda: build_time.measure_hooks(args.runs, log=log))
    ok &= section(results, "hook_breakdown", build_time.measure_hook_breakdown)
    if not args.no_scaling:
        ok &= section(results, "scaling", lambda: build_time.measure_scaling(args.scale, args.scale_runs, log=log))
    speed = BENCH / "speed.json"   # bench/speed.py's last run (about 15 minutes: not repeated here)
    if speed.is_file():
        results["speed"] = json.loads(speed.read_text(encoding="utf-8"))
    results["duration_s"] = round((dt.datetime.now(dt.timezone.utc) - started).total_seconds())

    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.output / "results.md").write_text(write_markdown(results), encoding="utf-8")
    log(f"Wrote {args.output / 'results.md'} and results.json ({results['duration_s']} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
