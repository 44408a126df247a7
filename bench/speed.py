"""CPU-time benchmarks of issue 14: what our hooks cost against a fair baseline, the translator's
save-to-reload loop, and the bilingual build against English only.

1. **Hooks overhead**: the strict bilingual build with our hooks against the *same content* built
   without them. The baseline is a copy of the project whose pages hold what our hooks would have
   put into their Markdown (rendered markers, abbreviation definitions), captured from a real build
   by a bench-only hook, with `hooks:` removed from its config. CPU time (user + system) of each
   `mkdocs build` subprocess, interleaved runs, median; at the content ×1 and ×10. The builds with
   hooks reuse what earlier builds remembered in `.cache/` (converted Markdown, search sections,
   class names…: hooks/markdown_memo.py, guidekit/memo.py), as `make build` does; `with_hooks_cold`
   is the same build with `.cache/` removed first, as in a clean clone.
2. **Translator loop**: `mkdocs serve` as `make preview-ru` and `make serve` start it; a Russian page
   is saved (a sentence appended) and the page is fetched until the sentence shows; the CPU time the
   server process spent in between (from /proc), median of N saves.
3. **Bilingual / English only** at ×10 content (about 400 pages per language): CPU time of the
   strict build of both languages against `BUILD_ONLY_LOCALE=en`; with `BUILD_ONLY_LOCALE=ru`, what
   a build pays once and what each language pass pays, and the same ratio with no navigation
   rendered (the floor that no work on Material's navigation can go below).

    .venv/bin/python bench/speed.py [--runs 5] [--scale 10] [--saves 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any, Callable

from build_time import make_project, without_keys
from common import MKDOCS, build_env, median

CAPTURE_HOOK = '''
"""Bench only: write each page's Markdown as our hooks leave it, for the hook-less baseline."""
import os
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(-1000)
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["GUIDE_CAPTURE"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
'''
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def cpu_build(config: Path, site: Path, env: dict[str, str] | None = None, timeout: float = 1800) -> float:
    """CPU seconds (user + system) of one strict `mkdocs build` subprocess."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([str(MKDOCS), "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
                          cwd=config.parent, env=env or build_env(), capture_output=True, text=True, timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{done.stderr[-2000:]}")
    shutil.rmtree(site, ignore_errors=True)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def baseline_project(project: Path) -> Path:
    """Turn ``project`` into the hook-less baseline of itself; return its config."""
    capture = project / ".capture"
    hook = project / "hooks" / "zz_capture.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/zz_capture.py\n", 1), encoding="utf-8")
    cpu_build(config, project / ".site-capture", env={**build_env(), "GUIDE_CAPTURE": str(capture)})
    for captured in capture.rglob("*.md"):
        source = project / "docs" / captured.relative_to(capture)
        front = _FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        source.write_text((front.group(0) if front else "") + captured.read_text(encoding="utf-8"), encoding="utf-8")
    hook.unlink()
    shutil.rmtree(capture)
    baseline = project / "mkdocs-nohooks.yml"
    baseline.write_text(without_keys(text, "hooks"), encoding="utf-8")
    return baseline


def interleaved_cpu(variants: dict[str, Callable[[Path], float]], runs: int, work: Path) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(-1, runs):
        for name, build in variants.items():
            seconds = build(work / f"{name}-{round_}")
            if round_ >= 0:
                times[name].append(seconds)
            print(f"  {name}: {'warm-up' if round_ < 0 else f'run {round_ + 1}'} {seconds:.2f} s CPU", flush=True)
    return times


def measure_hooks_cpu(copies: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        work = Path(tmp)
        with_hooks = make_project(work / "with", copies, strict=True)
        without = baseline_project(Path(shutil.copytree(work / "with", work / "base", symlinks=True)))

        def cold(out: Path) -> float:   # a clean clone: nothing remembered in .cache/, no compiled hooks
            shutil.rmtree(work / "with" / ".cache", ignore_errors=True)
            for compiled in (work / "with" / "hooks").rglob("__pycache__"):
                shutil.rmtree(compiled)
            return cpu_build(with_hooks, out)

        times = interleaved_cpu({
            "with_hooks": lambda out: cpu_build(with_hooks, out),
            "baseline": lambda out: cpu_build(without, out),
            "with_hooks_cold": cold,
        }, runs, work)
    a, b, c = median(times["with_hooks"]), median(times["baseline"]), median(times["with_hooks_cold"])
    return {"copies": copies, "runs": runs, "with_hooks_cpu_s": round(a, 2), "baseline_cpu_s": round(b, 2),
            "hooks_add_percent": round((a / b - 1) * 100, 1), "target_percent": 10,
            "with_hooks_cold_cpu_s": round(c, 2), "cold_hooks_add_percent": round((c / b - 1) * 100, 1),
            "samples": {k: [round(x, 2) for x in v] for k, v in times.items()}}


def measure_bilingual(copies: int, runs: int) -> dict[str, Any]:
    """Bilingual against English only, and what each language pass costs.

    With a Russian-only build too, the three medians split into what a build pays once (startup,
    config, data/ and docs/ read and checked: ``once = en + ru - both``) and what each language pass
    pays (pages rendered and written). The ratio is (once + en pass + ru pass) / (once + en pass).
    The *floor* is the same pair with Material's navigation not rendered at all (an empty
    partials/nav.html in a second copy): what no work on the navigation can go below.
    """
    with tempfile.TemporaryDirectory(prefix="bench-lang-") as tmp:
        work = Path(tmp)
        config = make_project(work / "p", copies, strict=True)
        pages = sum(1 for _ in (work / "p" / "docs").rglob("*.md") if not _.name.endswith(".ru.md"))
        bare = Path(shutil.copytree(work / "p", work / "bare", symlinks=True)) / "mkdocs.yml"
        (bare.parent / "overrides" / "partials" / "nav.html").write_text("", encoding="utf-8")
        only = {"en": {**build_env(), "BUILD_ONLY_LOCALE": "en"}, "ru": {**build_env(), "BUILD_ONLY_LOCALE": "ru"}}
        times = interleaved_cpu({
            "bilingual": lambda out: cpu_build(config, out),
            "english_only": lambda out: cpu_build(config, out, env=only["en"]),
            "russian_only": lambda out: cpu_build(config, out, env=only["ru"]),
            "bilingual_no_nav": lambda out: cpu_build(bare, out),
            "english_only_no_nav": lambda out: cpu_build(bare, out, env=only["en"]),
        }, runs, work)
    m = {name: median(values) for name, values in times.items()}
    once = m["english_only"] + m["russian_only"] - m["bilingual"]
    return {"copies": copies, "pages_per_language": pages, "bilingual_cpu_s": round(m["bilingual"], 2),
            "english_only_cpu_s": round(m["english_only"], 2), "ratio": round(m["bilingual"] / m["english_only"], 2),
            "target_ratio": 1.6,
            "split_cpu_s": {"once_per_build": round(once, 2), "english_pass": round(m["english_only"] - once, 2),
                            "russian_pass": round(m["russian_only"] - once, 2)},
            "floor_without_navigation": {"bilingual_cpu_s": round(m["bilingual_no_nav"], 2),
                                         "english_only_cpu_s": round(m["english_only_no_nav"], 2),
                                         "ratio": round(m["bilingual_no_nav"] / m["english_only_no_nav"], 2)},
            "samples": {k: [round(x, 2) for x in v] for k, v in times.items()}}


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def measure_serve_loop(saves: int, only_ru: bool) -> dict[str, Any]:
    """CPU of the `mkdocs serve` process from saving a Russian page to the page showing the edit."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp) / "p"
        make_project(project, 1, strict=True)
        port = _free_port()
        env = {**build_env(), "GUIDE_SEARCH": "false", "GUIDE_PREVIEW": "1"}
        if only_ru:
            env["BUILD_ONLY_LOCALE"] = "ru"
        log = (Path(tmp) / "serve.log").open("w")
        server = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        # With one language built, it is served at the root.
        url = f"http://127.0.0.1:{port}/{'' if only_ru else 'ru/'}guide/scope/"
        page = project / "docs" / "guide" / "scope.ru.md"
        samples = []
        try:
            deadline = time.monotonic() + 180
            while "<html" not in _fetch(url):
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("mkdocs serve did not start:\n" + (Path(tmp) / "serve.log").read_text()[-3000:])
                time.sleep(0.3)
            time.sleep(2)
            for n in range(saves + 1):
                marker = f"Проверка {n} {time.time_ns()}."
                log_path = Path(tmp) / "serve.log"
                reloads = log_path.read_text().count("Reloading browsers")
                before = _cpu_of(server.pid)
                started = time.monotonic()
                page.write_text(page.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
                # Wait on the server's own log (polling the page would add the cost of serving it). A
                # rebuild started by the save's first file event may still read the page half written
                # (on a busy machine); then the next rebuild is the one that shows the edit.
                while True:
                    while log_path.read_text().count("Reloading browsers") <= reloads:
                        if time.monotonic() - started > 120:
                            raise SystemExit("no rebuild after the save:\n" + log_path.read_text()[-2000:])
                        time.sleep(0.02)
                    spent = _cpu_of(server.pid) - before, time.monotonic() - started
                    shown = _fetch(url) or _fetch(url)   # one retry: a fetch can time out on a busy machine
                    if marker in shown:
                        break
                    reloads = log_path.read_text().count("Reloading browsers")
                    if time.monotonic() - started > 120:
                        raise SystemExit("the rebuilt page does not show the edit:\n" + log_path.read_text()[-3000:])
                if n > 0:   # the first save warms up what serve keeps between rebuilds
                    samples.append(spent)
                time.sleep(1.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
    cpu = [c for c, _ in samples]
    wall = [w for _, w in samples]
    return {"languages": "ru" if only_ru else "en+ru", "saves": saves, "cpu_s_median": round(median(cpu), 2),
            "wall_s_median": round(median(wall), 2), "cpu_s": [round(c, 2) for c in cpu],
            "target_cpu_s": 1.0 if only_ru else 2.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--skip", nargs="*", default=[], choices=["hooks", "hooks-scaled", "bilingual", "serve"])
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name("speed.json"))
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if "serve" not in args.skip:
        print("translator loop (make preview-ru)", flush=True)
        results["preview_ru_loop"] = measure_serve_loop(args.saves, only_ru=True)
        print(results["preview_ru_loop"], flush=True)
        print("serve loop (make serve)", flush=True)
        results["serve_loop"] = measure_serve_loop(args.saves, only_ru=False)
        print(results["serve_loop"], flush=True)
    if "hooks" not in args.skip:
        print("hooks overhead ×1", flush=True)
        results["hooks_x1"] = measure_hooks_cpu(1, args.runs)
        print(results["hooks_x1"], flush=True)
    if "hooks-scaled" not in args.skip:
        print(f"hooks overhead ×{args.scale}", flush=True)
        results[f"hooks_x{args.scale}"] = measure_hooks_cpu(args.scale, max(2, args.runs // 2))
        print(results[f"hooks_x{args.scale}"], flush=True)
    if "bilingual" not in args.skip:
        print(f"bilingual vs English only ×{args.scale}", flush=True)
        results["bilingual"] = measure_bilingual(args.scale, max(2, args.runs // 2))
        print(results["bilingual"], flush=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
