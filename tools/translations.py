"""Translators' command line: the state of every page pair, and stamping a finished translation.

    python -m tools.translations status [--check] [--diff]
    python -m tools.translations stamp docs/guide/scope.ru.md

(``make translations``, ``make translations-check``, ``make translations-diff``, ``make stamp PAGE=…``.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_DIR / "hooks"))

from guidekit.errors import GuideError, GuideErrors  # noqa: E402
from guidekit.loader import load_guide_data  # noqa: E402
from guidekit.pages import read_pages  # noqa: E402
from guidekit.stamps import source_hash, with_stamp  # noqa: E402
from guidekit.textfile import read_utf8  # noqa: E402
from guidekit.translation import STATES, english_path, page_pairs, glossary_terms_of, russian_path  # noqa: E402


def english_diff_since(english: Path, stamp: str | None, project_dir: Path) -> str | None:
    """The change to the English page since the stamped version, from git when it is available."""
    if not stamp:
        return None
    try:
        rel = english.relative_to(project_dir).as_posix()
        commits = subprocess.run(["git", "log", "--format=%H", "--", rel], cwd=project_dir,
                                 capture_output=True, text=True, check=True, timeout=30).stdout.split()
        for commit in commits:
            old = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=project_dir,
                                 capture_output=True, text=True, check=True, timeout=30).stdout
            if source_hash(old) == stamp:
                return subprocess.run(["git", "diff", "--no-color", commit, "--", rel], cwd=project_dir,
                                      capture_output=True, text=True, check=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return None


def status(args: argparse.Namespace) -> int:
    project_dir = args.project.resolve()
    pages, errors = read_pages(project_dir / "docs", project_dir)
    for error in errors:
        if "orphan translation" not in error.problem:   # orphans are listed as a state below
            print(error, file=sys.stderr)
    pairs = page_pairs(pages, glossary_terms_of(load_guide_data(project_dir / "data", project_dir)))
    rel = lambda p: p.relative_to(project_dir).as_posix() if p else "—"  # noqa: E731
    for pair in pairs:
        if pair.state == "translated" and not pair.problems:
            continue
        print(f"{pair.state.upper():<10} {rel(pair.russian or russian_path(pair.english))}")
        if pair.state == "missing":
            print(f"           translate {rel(pair.english)} ({pair.english_words} words), then: make stamp PAGE={rel(russian_path(pair.english))}")
        elif pair.state == "orphan":
            print(f"           no English source {rel(english_path(pair.russian))}: delete it or restore the English page")
        elif pair.state == "outdated":
            print(f"           {rel(pair.english)} changed since it was translated; update the translation, then: make stamp PAGE={rel(pair.russian)}")
            diff = english_diff_since(pair.english, pair.stamp, project_dir) if args.diff else None
            if diff:
                print("".join(f"           | {line}\n" for line in diff.splitlines()[:200]), end="")
            elif args.diff:
                print("           (no diff: the stamped version is not in git history)")
        for problem in pair.problems:
            print(f"           {problem}")
    counts = Counter(pair.state for pair in pairs)
    with_problems = sum(1 for pair in pairs if pair.problems)
    summary = ", ".join(f"{counts.get(state, 0)} {state}" for state in STATES)
    print(f"{len(pairs)} page pairs: {summary}; {with_problems} with structure or glossary differences")
    failing = counts["outdated"] + counts["missing"] + counts["orphan"] + with_problems + len(errors)
    if failing == 0:
        print("All translations are up to date.")
    return 1 if args.check and failing else 0


def stamp(args: argparse.Namespace) -> int:
    project_dir = args.project.resolve()
    targets = sorted((project_dir / "docs").rglob("*.ru.md")) if args.all else [Path(p).resolve() for p in args.pages]
    if not targets:
        print("name the Russian page(s) to stamp, e.g. make stamp PAGE=docs/guide/scope.ru.md", file=sys.stderr)
        return 2
    for russian in targets:
        if not russian.name.endswith(".ru.md"):
            print(f"{russian}: not a Russian page (*.ru.md)", file=sys.stderr)
            return 2
        english = english_path(russian)
        if not english.exists():
            print(f"{russian}: no English source {english.name}", file=sys.stderr)
            return 2
        text = read_utf8(russian, str(russian))
        stamped = with_stamp(text, source_hash(read_utf8(english, str(english))))
        if stamped != text:
            russian.write_text(stamped, encoding="utf-8")
            print(f"stamped {russian.relative_to(project_dir).as_posix()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.translations", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=PROJECT_DIR, help="project folder (holds docs/ and data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    status_cmd = commands.add_parser("status", help="state of every page pair: translated, outdated, missing, orphan")
    status_cmd.add_argument("--check", action="store_true", help="exit 1 if anything needs a translator's attention")
    status_cmd.add_argument("--diff", action="store_true", help="show how the English page changed (needs git history)")
    status_cmd.set_defaults(run=status)
    stamp_cmd = commands.add_parser("stamp", help="record that a Russian page translates the current English page")
    stamp_cmd.add_argument("pages", nargs="*", help="Russian pages (docs/…/page.ru.md)")
    stamp_cmd.add_argument("--all", action="store_true", help="stamp every Russian page (only after checking them all)")
    stamp_cmd.set_defaults(run=stamp)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (GuideError, GuideErrors) as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
