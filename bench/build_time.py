"""Build-time benchmarks: what our hooks cost, and how the build scales with the content.

1. **Hooks**: the full strict bilingual build (``mkdocs build --strict``) against the same build with
   the ``hooks:`` list removed from mkdocs.yml, runs interleaved (A, B, A, B…) after one warm-up each,
   median of N. The hook-less config is a temporary file written next to mkdocs.yml (paths in a
   config resolve from its own folder) and removed afterwards.
2. **Scaling**: a throw-away copy of the project in which every page under docs/guide, docs/cases and
   docs/countries is replicated into sibling folders (``guide-2/`` … ``guide-10/``; relative links
   keep working because the copies sit at the same depth; the originals stay where data/ expects
   them). The nav gets the copies' entries after the original ones ("Guide (2)" …) and
   ``not_in_nav`` the copies' patterns, so the real config (and hooks that read the nav) is used on
   both sides; the ×1 baseline is the same kind of copy without replicas.

Every timing is the wall clock of a ``mkdocs build`` subprocess, as ``make build`` feels it.

    .venv/bin/python bench/build_time.py [--runs 5] [--scale 10] [--scale-runs 5]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from common import PROJECT, BuildFailed, build_env, median, run_build

CONFIG = PROJECT / "mkdocs.yml"
REPLICATED_SECTIONS = ("guide", "cases", "countries")
# What a project copy leaves out at its top level: VCS, environments, outputs, benchmarks, tests.
TOP_LEVEL_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".site-*", "node_modules", ".pytest_cache", "bench", "tests", ".bench-*", "build",
)


def _copy_ignore(directory: str, names: list[str]) -> set[str]:
    ignored = {name for name in names if name == "__pycache__"}
    if Path(directory).resolve() == PROJECT:
        ignored |= set(TOP_LEVEL_IGNORE(directory, names))
    return ignored


# --- mkdocs.yml as text ------------------------------------------------------------------------

def drop_top_level_key(text: str, key: str) -> str:
    """Remove a top-level ``key:`` and its block (indented lines, ``- `` items, blank lines) from YAML.

    Works on the text, so tags such as ``!ENV`` and all comments elsewhere stay as they are.
    """
    start = re.compile(rf"^{re.escape(key)}\s*:(\s|$)")
    kept: list[str] = []
    skipping = False
    for line in text.splitlines(keepends=True):
        if start.match(line):
            skipping = True
            continue
        if skipping and (not line.strip() or line[0] in " \t-"):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


class _AnyTagLoader(yaml.SafeLoader):
    """A safe loader that accepts unknown tags (``!ENV`` …) as plain values, to inspect a config."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def top_level_keys(text: str) -> set[str]:
    data = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - a SafeLoader subclass
    return set(data) if isinstance(data, dict) else set()


def without_keys(text: str, *keys: str) -> str:
    """``text`` minus the given top-level keys; checks that nothing else was lost."""
    before = top_level_keys(text)
    for key in keys:
        text = drop_top_level_key(text, key)
    after = top_level_keys(text)
    if after != before - set(keys):
        raise ValueError(f"removing {keys} from mkdocs.yml also changed {sorted(before ^ after ^ set(keys))}")
    return text


def with_strict(text: str, strict: bool) -> str:
    """Set the config's own ``strict:`` (mkdocs.yml has ``strict: true``, which --strict cannot undo)."""
    value = "true" if strict else "false"
    text, count = re.subn(r"(?m)^strict\s*:.*$", f"strict: {value}", text)
    return text if count else f"strict: {value}\n{text}"


@contextmanager
def sibling_config(text: str, stem: str) -> Iterator[Path]:
    """A temporary config file next to mkdocs.yml (so relative paths resolve the same); removed after."""
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=PROJECT, prefix=f".bench-{stem}-",
                                         suffix=".yml", delete=False)
    path = Path(handle.name)
    try:
        with handle:
            handle.write(text)
        yield path
    finally:
        path.unlink(missing_ok=True)


# --- timing ------------------------------------------------------------------------------------

def interleaved(variants: dict[str, Callable[[Path], float]], runs: int, work: Path,
                warmup: bool = True, log: Callable[[str], None] = print) -> dict[str, list[float]]:
    """Run each variant ``runs`` times, alternating, after one untimed warm-up each."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_ in range(-1 if warmup else 0, runs):
        for name, build in variants.items():
            out = work / f"{name}-{round_}"
            seconds = build(out)
            shutil.rmtree(out, ignore_errors=True)
            if round_ >= 0:
                times[name].append(seconds)
            log(f"  {name}: {'warm-up' if round_ < 0 else f'run {round_ + 1}/{runs}'} {seconds:.2f} s")
    return times


def summary(times: list[float]) -> dict[str, Any]:
    return {"median_s": round(median(times), 3), "min_s": round(min(times), 3),
            "max_s": round(max(times), 3), "runs_s": [round(t, 3) for t in times]}


def count_pages(site_dir: Path) -> dict[str, int]:
    """HTML pages per language in a built site (404 pages excluded)."""
    ru = sum(1 for _ in (site_dir / "ru").rglob("index.html")) if (site_dir / "ru").is_dir() else 0
    total = sum(1 for _ in site_dir.rglob("index.html"))
    return {"en": total - ru, "ru": ru}


def measure_hooks(runs: int, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Strict build with and without ``hooks:``, interleaved, median of ``runs``."""
    text = CONFIG.read_text(encoding="utf-8")
    hookless = without_keys(text, "hooks")
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp, sibling_config(hookless, "nohooks") as config:
        work = Path(tmp)
        variants = {
            "with_hooks": lambda out: run_build(CONFIG, out).seconds,
            "without_hooks": lambda out: run_build(config, out).seconds,
        }
        probe = work / "probe"
        run_build(CONFIG, probe)
        pages = count_pages(probe)
        shutil.rmtree(probe)
        times = interleaved(variants, runs, work, log=log)
    with_hooks, without_hooks = summary(times["with_hooks"]), summary(times["without_hooks"])
    ratio = with_hooks["median_s"] / without_hooks["median_s"]
    return {
        "runs": runs, "strict": True, "pages": pages,
        "with_hooks": with_hooks, "without_hooks": without_hooks,
        "ratio": round(ratio, 3), "hooks_add_percent": round((ratio - 1) * 100, 1),
        "target_percent": 10,
    }


def _stopwatch(method: Callable[..., Any], tally: list[float]) -> Callable[..., Any]:
    """``method`` that adds its run time to tally[0] and its call count to tally[1]."""
    @functools.wraps(method)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            tally[0] += time.perf_counter() - started
            tally[1] += 1
    return timed


def hook_breakdown(site_dir: Path) -> dict[str, Any]:
    """One in-process strict build with a stopwatch around every event function of our hooks.

    Direct time only: work a hook causes elsewhere (more Markdown to render, bigger templates) is
    not attributed to it. Run it in a fresh process (``--hook-breakdown``): MkDocs caches hook modules.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.update(build_env())
    config = load_config(str(CONFIG), site_dir=str(site_dir), strict=True)
    plugins = config.plugins
    hook_names = set(config["hooks"] or {})
    tallies: dict[str, dict[str, list[float]]] = {}
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            origin = plugins._event_origins.get(method)  # noqa: SLF001 - MkDocs 1.6 keeps origins here
            if origin in hook_names:
                timed = _stopwatch(method, tallies.setdefault(origin, {}).setdefault(event, [0.0, 0]))
                methods[index] = timed
                plugins._event_origins[timed] = origin  # noqa: SLF001
    started = time.perf_counter()
    plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        plugins.on_shutdown()
    total = time.perf_counter() - started
    hooks = {
        name: {"seconds": round(sum(t[0] for t in events.values()), 3),
               "events": {event: {"seconds": round(t[0], 3), "calls": int(t[1])} for event, t in events.items()}}
        for name, events in tallies.items()
    }
    return {"build_s": round(total, 3), "hooks": dict(sorted(hooks.items(), key=lambda kv: -kv[1]["seconds"]))}


def measure_hook_breakdown(timeout: float = 600.0) -> dict[str, Any]:
    """:func:`hook_breakdown` in a fresh Python process (hook modules must not be shared)."""
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as tmp:
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--hook-breakdown", str(Path(tmp) / "site")],
                              cwd=PROJECT, env=build_env(), capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise BuildFailed(f"hook breakdown failed: {done.stderr.strip()[-1500:]}")
    return json.loads(done.stdout)


# --- scaling -----------------------------------------------------------------------------------

def _replica_path(path: str, k: int) -> str | None:
    """``guide/x.md`` → ``guide-k/x.md`` for a replicated section; None for any other page."""
    section, _, rest = path.partition("/")
    return f"{section}-{k}/{rest}" if rest and section in REPLICATED_SECTIONS else None


def _replica_nav(item: Any, k: int, top: bool = True) -> Any:
    """A nav entry with every replicated page moved to its copy k (other pages dropped).

    Top-level titles get " (k)" so the copies are told apart; titles below keep their
    nav_translations.
    """
    if isinstance(item, str):
        return _replica_path(item, k)
    if isinstance(item, list):
        entries = [e for e in (_replica_nav(e, k, top=False) for e in item) if e is not None]
        return entries or None
    if isinstance(item, dict) and len(item) == 1:
        title, value = next(iter(item.items()))
        value = _replica_nav(value, k, top=False)
        return None if value is None else {f"{title} ({k})" if top else title: value}
    return None


def replicated_nav(nav: list[Any], copies: int) -> list[Any]:
    """The original nav followed by copies 2..n of its entries that hold replicated pages."""
    extra = [entry for k in range(2, copies + 1) for item in nav
             if (entry := _replica_nav(item, k)) is not None]
    return nav + extra


def replicated_not_in_nav(patterns: str, copies: int) -> str:
    """``/cases/*.md`` also becomes ``/cases-2/*.md`` … (same for every replicated section)."""
    lines = patterns.splitlines()
    for k in range(2, copies + 1):
        for line in patterns.splitlines():
            for section in REPLICATED_SECTIONS:
                if f"/{section}/" in line:
                    lines.append(line.replace(f"/{section}/", f"/{section}-{k}/"))
    return "\n".join(lines) + "\n"


def make_project(dest: Path, copies: int, strict: bool) -> Path:
    """A copy of the project with every page of the replicated sections present ``copies`` times.

    Copy k of ``docs/guide`` is ``docs/guide-k``; the nav gets the matching entries (after the
    original ones, so hooks that read the nav still find theirs) and ``not_in_nav`` the matching
    patterns. Returns the path of the copy's config.
    """
    shutil.copytree(PROJECT, dest, ignore=_copy_ignore)
    for section in REPLICATED_SECTIONS:
        source = dest / "docs" / section
        for k in range(2, copies + 1):
            shutil.copytree(source, source.with_name(f"{section}-{k}"))
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    original = yaml.load(text, Loader=_AnyTagLoader)  # noqa: S506 - a SafeLoader subclass
    if copies > 1:
        text = without_keys(text, "nav", "not_in_nav")
        if original.get("nav"):
            text += "\n" + yaml.safe_dump({"nav": replicated_nav(original["nav"], copies)},
                                          allow_unicode=True, sort_keys=False, width=1000)
        if original.get("not_in_nav"):
            patterns = replicated_not_in_nav(original["not_in_nav"], copies)
            text += "not_in_nav: |\n" + "".join(f"  {line}\n" for line in patterns.splitlines())
    config.write_text(with_strict(text, strict), encoding="utf-8")
    return config


def measure_scaling(copies: int, runs: int, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Build of the project ×1 and ×``copies``; strict unless the replicated copy warns."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        strict, note = True, "both builds strict"
        one = make_project(work / "x1", 1, strict=True)
        many = make_project(work / f"x{copies}", copies, strict=True)
        try:
            run_build(one, work / "probe-1")
            run_build(many, work / "probe-n")
        except BuildFailed as exc:
            strict = False
            note = f"the ×{copies} copy does not build under --strict, so both builds ran without it ({exc})"
            for config in (one, many):
                config.write_text(with_strict(config.read_text(encoding="utf-8"), False), encoding="utf-8")
            run_build(one, work / "probe-1", strict=False)
            run_build(many, work / "probe-n", strict=False)
        pages = {"x1": count_pages(work / "probe-1"), f"x{copies}": count_pages(work / "probe-n")}
        sources = {name: sum(1 for _ in (work / name / "docs").rglob("*.md")) for name in ("x1", f"x{copies}")}
        variants = {
            "x1": lambda out: run_build(one, out, strict=strict).seconds,
            f"x{copies}": lambda out: run_build(many, out, strict=strict, timeout=1800).seconds,
        }
        times = interleaved(variants, runs, work, warmup=False, log=log)
    base, scaled = summary(times["x1"]), summary(times[f"x{copies}"])
    page_ratio = sum(pages[f"x{copies}"].values()) / max(1, sum(pages["x1"].values()))
    return {
        "copies": copies, "runs": runs, "strict": strict, "note": note,
        "replicated_sections": list(REPLICATED_SECTIONS), "markdown_files": sources, "pages": pages,
        "page_ratio": round(page_ratio, 2), "x1": base, f"x{copies}": scaled,
        "time_ratio": round(scaled["median_s"] / base["median_s"], 2), "target_ratio": 10.5,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Build-time benchmarks (hooks cost, scaling).")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per variant (default 5)")
    parser.add_argument("--scale", type=int, default=10, help="content copies for the scaling run (default 10)")
    parser.add_argument("--scale-runs", type=int, default=5, help="timed runs per scaling variant (default 5)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling measurement")
    parser.add_argument("--hook-breakdown", type=Path, metavar="SITE_DIR",
                        help="only: one in-process build into SITE_DIR, time spent in each hook (JSON)")
    args = parser.parse_args()
    if args.hook_breakdown:
        print(json.dumps(hook_breakdown(args.hook_breakdown)))
        return
    log = lambda message: print(message, file=sys.stderr)  # noqa: E731
    result: dict[str, Any] = {"hooks": measure_hooks(args.runs, log), "hook_breakdown": measure_hook_breakdown()}
    if not args.no_scaling:
        result["scaling"] = measure_scaling(args.scale, args.scale_runs, log)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
