"""The subprocesses of a publish: the translations check and the strict MkDocs builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from deploy.progress import PublishError


def run(step: str, command: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Run a command; on failure raise PublishError with its output (MkDocs' INFO lines left out)."""
    proc = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", timeout=1800)
    if proc.returncode != 0:
        lines = [line for line in proc.stdout.splitlines() if not line.startswith("INFO")]
        raise PublishError(f"{step} failed (exit {proc.returncode}):\n" + "\n".join(lines).strip())


# The checkout this package belongs to: its tools/ check the project given with --project.
TOOLS_ROOT = Path(__file__).resolve().parents[1]


def translations_check(project: Path, env: dict[str, str]) -> None:
    run("translations check (make translations-check)",
        [sys.executable, "-m", "tools.translations", "--project", str(project), "status", "--check"],
        project, {**env, "PYTHONPATH": str(TOOLS_ROOT)})


def strict_build(project: Path, site_dir: Path, env: dict[str, str], what: str = "strict build") -> None:
    """`mkdocs build --strict` (never --quiet: MkDocs then does not count warnings, and strict mode
    lets a broken link through)."""
    run(f"{what} (mkdocs build --strict)",
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)], project, env)
