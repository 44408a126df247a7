"""One error type for bad input, formatted so a translator can find and fix the problem."""

from __future__ import annotations

from pathlib import Path


class GuideError(Exception):
    """Bad input (data, marker, link) that must stop the build.

    The message always names where (file and line), what (key path or marker), what was expected,
    and the fix.
    """

    def __init__(self, file: str, line: int | None, what: str, problem: str, fix: str) -> None:
        self.file = file
        self.line = line
        self.what = what
        self.problem = problem
        self.fix = fix
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f" {self.what}:" if self.what else ""
        return f"{where}{what} {self.problem}. Fix: {self.fix}"


class GuideErrors(Exception):
    """Several errors found in one pass, reported together so they can be fixed in one go."""

    def __init__(self, errors: list[GuideError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line or 0))
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the guide's data or pages:"
        super().__init__("\n".join([head, *(f"  {e.format()}" for e in self.errors)]))


def display_path(path: Path, project_dir: Path) -> str:
    """How messages name a file: relative to the project (``data/countries.yml``) when inside it."""
    return path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else path.as_posix()
