"""The test runner itself: `make test` relies on xdist_group to build an expensive fixture (nginx,
publish, hostile site, offline copy) once, on one worker. pytest 9.2 with pytest-xdist 3.8 silently
stopped grouping (pytest-dev/pytest-xdist#1386): every worker published, started nginx and built the
hostile site again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GROUPED = '''
import pytest

pytestmark = pytest.mark.xdist_group("together")


@pytest.mark.parametrize("n", range(4))
def test_member(n):
    pass
'''


@pytest.mark.slow
def test_loadgroup_keeps_a_group_on_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(GROUPED, encoding="utf-8")
    # Only xdist is loaded (not hypothesis, playwright …): two workers start in a third of the CPU.
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "xdist", "-n", "2", "--dist", "loadgroup", "-v",
                          "-p", "no:cacheprovider", "test_grouped.py"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert run.returncode == 0, run.stdout + run.stderr
    passed = [line for line in run.stdout.splitlines() if "PASSED" in line]
    workers = {line.split("]", 1)[0] for line in passed}
    assert len(passed) == 4 and all("@together" in line for line in passed) and len(workers) == 1, (
        "pytest-xdist did not keep the xdist_group on one worker with this pytest; install the versions "
        "requirements.lock pins (make setup):\n" + "\n".join(passed))
