"""Shared helpers for the benchmark scripts: project paths, running a build, sizes, machine facts.

The scripts in bench/ are run with the project's virtualenv (``.venv/bin/python bench/run.py`` or
``make bench``); they use the standard library plus what .venv already holds (MkDocs, Playwright).
Nothing here talks to any host other than 127.0.0.1.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))
from deploy import chromium  # noqa: E402  (the project root is on sys.path from here)

VENV_BIN = PROJECT / ".venv" / "bin"
MKDOCS = VENV_BIN / "mkdocs" if (VENV_BIN / "mkdocs").exists() else Path(sys.executable).with_name("mkdocs")
# Debian's chromium and the flags every browser we start gets (Playwright and Lighthouse alike): the
# project's one definition, deploy/chromium.py (BENCH_CHROMIUM or CHROMIUM overrides the path).
CHROMIUM = Path(chromium.executable() or "/usr/bin/chromium")
# Lighthouse's scores are defined on the desktop browser, run headless; not on the headless shell.
FULL_CHROMIUM = Path(chromium.executable(full=True) or "/usr/bin/chromium")
CHROMIUM_FLAGS = chromium.FLAGS
LANGUAGES = ("en", "ru")


def build_env() -> dict[str, str]:
    """Environment for a build subprocess: no MkDocs 2 banner, no inherited BUILD_ONLY_LOCALE, and
    compiled modules kept as `make build` keeps them (the Makefile unexports PYTHONDONTWRITEBYTECODE)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("BUILD_ONLY_LOCALE", None)  # a translator's one-language preview must not leak in
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


class BuildFailed(RuntimeError):
    """``mkdocs build`` exited non-zero (or timed out); the message holds the tail of its output."""


@dataclass(frozen=True)
class BuildRun:
    seconds: float
    config: Path
    site_dir: Path


def run_build(config: Path, site_dir: Path, *, strict: bool = True, timeout: float = 600.0) -> BuildRun:
    """Run ``mkdocs build`` as a subprocess (as a maintainer does) and time it, wall clock.

    The time includes starting Python and importing MkDocs: that is what ``make build`` costs.
    """
    command = [str(MKDOCS), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site_dir)]
    if strict:
        command.insert(3, "--strict")
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=config.parent, env=build_env(), capture_output=True,
                              text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"{' '.join(command)}: no result after {timeout:.0f} s") from exc
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise BuildFailed(f"{' '.join(command)} exited with {done.returncode}:\n{tail}")
    return BuildRun(seconds=seconds, config=config, site_dir=site_dir)


def gzip_size(data: bytes, level: int = 9) -> int:
    """Size of ``data`` compressed like ``gzip -9 -n`` (header and trailer included)."""
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _command_output(command: list[str], timeout: float = 20.0) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return lines[-1].strip() if done.returncode == 0 and lines else "unavailable"


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
    return match.group(1).strip() if match else platform.processor() or "unknown"


def git_state() -> dict[str, str | bool]:
    """The commit measured and whether the working tree had changes (read-only git commands)."""
    commit = _command_output(["git", "-C", str(PROJECT), "rev-parse", "--short", "HEAD"])
    try:
        status = subprocess.run(["git", "-C", str(PROJECT), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {"commit": commit, "modified": False}
    return {"commit": commit, "modified": status.returncode == 0 and bool(status.stdout.strip())}


def machine() -> dict[str, object]:
    """Facts about the machine and the tool versions, for the results file."""
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs-material": _version("mkdocs-material"),
        "mkdocs-static-i18n": _version("mkdocs-static-i18n"),
        "playwright": _version("playwright"),
        "chromium": _command_output([str(CHROMIUM), "--version"]) if CHROMIUM.exists() else "not installed",
        "chromium_path": str(CHROMIUM),
        "node": _command_output(["node", "--version"]),
    }
