"""SOURCE_DATE_EPOCH: the one date every reproducible output carries (sitemap, PDFs)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

from deploy.progress import PublishError

# A fixed date when there is neither git history nor a source file (1980-01-01, the zip epoch).
FALLBACK_EPOCH = 315532800
SOURCES = ("docs", "data", "hooks", "overrides", "mkdocs.yml")


def source_date_epoch(project: Path) -> tuple[int, str]:
    """The build date: exported SOURCE_DATE_EPOCH, else the last commit, else the newest source file."""
    exported = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if exported:
        if not exported.isdigit():
            raise PublishError(f"SOURCE_DATE_EPOCH={exported!r} is not a number of seconds")
        return int(exported), "environment"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        proc = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True, timeout=30)
        if proc.returncode == 0 and proc.stdout.strip().isdigit():
            return int(proc.stdout.strip()), "last commit"
    newest = 0
    for name in SOURCES:
        root = project / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in paths:
            if "__pycache__" not in path.parts:
                newest = max(newest, int(path.stat().st_mtime))
    if newest:
        return newest, "newest source file (no git history)"
    return FALLBACK_EPOCH, "fixed date (no git history, no sources found)"
