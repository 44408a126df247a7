"""Translation status of every page pair, computed from the files alone (no git needed).

Each Russian page records the version of the English page it translates as a content hash in its
front matter (``translation_of: sha256:…``). Comparing that stamp with the English file tells
whether the translation is up to date — the same answer from a git checkout or from a tarball.

Run ``python -m guidekit.translation --help`` (or ``make translations``) for the command line.
"""

from __future__ import annotations

import argparse
import hashlib
from functools import cache
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .markers import MarkerSpec, find_markers

STAMP_KEY = "translation_of"
STATES = ("translated", "outdated", "missing", "orphan")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_STAMP_LINE = re.compile(rf"^{STAMP_KEY}:\s*(\S+)\s*$", re.M)
_HEADING_ID = re.compile(r"^#{1,6} .*\{#([A-Za-z0-9_-]+)\}\s*$", re.M)
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?) ", re.M)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_FENCE = re.compile(r"^(`{3,}|~{3,})", re.M)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


def source_hash(text: str) -> str:
    """Stamp of an English page: sha256 of its text with normalised line endings."""
    return "sha256:" + hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def read_stamp(russian_text: str) -> str | None:
    match = _FRONT_MATTER.match(russian_text)
    if not match:
        return None
    stamp = _STAMP_LINE.search(match.group(1))
    return stamp.group(1) if stamp else None


def with_stamp(russian_text: str, stamp: str) -> str:
    """The Russian page with its ``translation_of`` set to ``stamp`` (front matter created if needed)."""
    line = f"{STAMP_KEY}: {stamp}"
    match = _FRONT_MATTER.match(russian_text)
    if not match:
        return f"---\n{line}\n---\n\n{russian_text}"
    body = match.group(1)
    new_body = _STAMP_LINE.sub(line, body) if _STAMP_LINE.search(body) else f"{body}\n{line}"
    return f"---\n{new_body}\n---\n{russian_text[match.end():]}"


def body_of(markdown: str) -> str:
    """The page without front matter."""
    match = _FRONT_MATTER.match(markdown)
    return markdown[match.end():] if match else markdown


def word_count(markdown: str) -> int:
    """Words a reader sees: no front matter, markers, code, link targets or heading ids."""
    text = body_of(markdown)
    text = re.sub(r"^(`{3,}|~{3,}).*?^\1", " ", text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"\{#[^}]*\}", " ", text)
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Structure:
    """What must be the same in both languages of a page."""

    heading_ids: tuple[str, ...]
    markers: tuple[str, ...]
    tables: int
    code_blocks: int
    admonitions: int


def structure_of(markdown: str) -> Structure:
    body = body_of(markdown)
    return Structure(
        heading_ids=tuple(_HEADING_ID.findall(body)),
        markers=tuple(m.text for m in find_markers(body)),
        tables=len(_TABLE_RULE.findall(body)),
        code_blocks=len(_FENCE.findall(body)) // 2,
        admonitions=len(_ADMONITION.findall(body)),
    )


def parity_problems(english: str, russian: str) -> list[str]:
    """Human-readable differences in structure between the two languages of a page."""
    en, ru = structure_of(english), structure_of(russian)
    problems = []
    if en.heading_ids != ru.heading_ids:
        missing = [i for i in en.heading_ids if i not in ru.heading_ids]
        extra = [i for i in ru.heading_ids if i not in en.heading_ids]
        detail = "; ".join(filter(None, [
            f"missing in Russian: {', '.join('#' + i for i in missing)}" if missing else "",
            f"only in Russian: {', '.join('#' + i for i in extra)}" if extra else "",
            "same ids in a different order" if not missing and not extra else "",
        ]))
        problems.append(f"heading ids differ ({detail})")
    if Counter(en.markers) != Counter(ru.markers):
        missing = sorted((Counter(en.markers) - Counter(ru.markers)).elements())
        extra = sorted((Counter(ru.markers) - Counter(en.markers)).elements())
        detail = "; ".join(filter(None, [
            f"missing in Russian: {', '.join(missing)}" if missing else "",
            f"only in Russian: {', '.join(extra)}" if extra else "",
        ]))
        problems.append(f"markers differ ({detail})")
    for name in ("tables", "code_blocks", "admonitions"):
        a, b = getattr(en, name), getattr(ru, name)
        if a != b:
            problems.append(f"{name.replace('_', ' ')} differ ({a} in English vs {b} in Russian)")
    return problems


# --- glossary consistency --------------------------------------------------------------------------

def _checked(en_term: str) -> bool:
    """Single lower-case words ("response", "prevention") are too often ordinary English to check;
    multi-word terms and capitalised terms ("Party", "Bureau") are the Convention's own."""
    return " " in en_term.strip() or en_term[:1].isupper()


def _words(text: str) -> list[str]:
    return re.findall(r"[\w]+(?:-[\w]+)*", text)


@cache
def _english_forms(term: str) -> tuple[str, ...]:
    """The term as a space-joined word sequence, singular and plural (lower-case unless capitalised)."""
    words = _words(re.sub(r"\(.*?\)", " ", term))
    if not term[:1].isupper() or " " in term:
        words = [w.lower() for w in words]
    *head, last = words
    plurals = [last, last + "s", last + "es"] + ([last[:-1] + "ies"] if last.endswith("y") else [])
    return tuple(" " + " ".join([*head, form]) + " " for form in plurals)


@cache
def _russian_stems(term: str) -> tuple[str, ...]:
    """Stems of a Russian term's words, so any inflection and word order within a sentence matches."""
    words = re.findall(r"[а-яё]+", re.sub(r"\(.*?\)", " ", term.lower()).replace("ё", "е"))
    return tuple(_stem(w) for w in words if len(w) > 2)


def _stem(word: str) -> str:
    """A crude Russian stem: enough to match the usual case and number endings."""
    if len(word) > 6:
        return word[:-3]
    if len(word) > 4:
        return word[:-2]
    return word


GlossaryTerms = list[tuple[str, str, tuple[str, ...]]]   # English term, Russian term, accepted variants


def glossary_problems(english: str, russian: str, terms: GlossaryTerms) -> list[str]:
    """Glossary terms used on the English page whose official Russian form is absent on the Russian page.

    A Russian term counts as present when the stems of all its words occur in one sentence."""
    en_words = _words(body_of(english))
    en_exact = " " + " ".join(en_words) + " "
    en_lower = en_exact.lower()
    text = re.sub(r"(?<!\n)\n(?!\n)", " ", body_of(russian).lower().replace("ё", "е"))
    by_prefix: dict[str, list[tuple[str, int]]] = {}
    for number, sentence in enumerate(re.split(r"[.!?;]\s|\n\n", text)):
        for word in re.findall(r"[а-я]+", sentence):
            by_prefix.setdefault(word[:3], []).append((word, number))

    def sentences_with(stem: str) -> set[int]:
        return {number for word, number in by_prefix.get(stem[:3], ()) if word.startswith(stem)}

    def present(russian_term: str) -> bool:
        stems = _russian_stems(russian_term)
        if not stems:
            return True
        common = sentences_with(stems[0])
        for stem in stems[1:]:
            common &= sentences_with(stem)
        return bool(common)

    problems = []
    for en_term, ru_term, variants in terms:
        if not _checked(en_term):
            continue
        haystack = en_exact if en_term[:1].isupper() and " " not in en_term else en_lower
        used = any(form in haystack for form in _english_forms(en_term))
        if used and not any(present(t) for t in (ru_term, *variants)):
            problems.append(f"glossary term “{en_term}” is used in English but «{ru_term}» does not appear in Russian")
    return problems


# --- page pairs ----------------------------------------------------------------------------------

@dataclass
class PagePair:
    english: Path | None
    russian: Path | None
    state: str
    english_words: int = 0
    russian_words: int = 0
    stamp: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        path = self.english or self.russian
        assert path is not None
        return path.name.replace(".ru.md", ".md")


def russian_path(english: Path) -> Path:
    return english.with_name(f"{english.stem}.ru.md")


def english_path(russian: Path) -> Path:
    return russian.with_name(russian.name.removesuffix(".ru.md") + ".md")


def page_pairs(docs_dir: Path, glossary_terms: GlossaryTerms | None = None) -> list[PagePair]:
    """Every English/Russian page pair under ``docs_dir`` with its state and problems."""
    pairs: list[PagePair] = []
    for path in sorted(docs_dir.rglob("*.md")):
        if path.name.endswith(".ru.md"):
            if not english_path(path).exists():
                text = path.read_text(encoding="utf-8")
                pairs.append(PagePair(None, path, "orphan", russian_words=word_count(text)))
            continue
        english = path.read_text(encoding="utf-8")
        russian_file = russian_path(path)
        if not russian_file.exists():
            pairs.append(PagePair(path, None, "missing", english_words=word_count(english)))
            continue
        russian = russian_file.read_text(encoding="utf-8")
        stamp = read_stamp(russian)
        state = "translated" if stamp == source_hash(english) else "outdated"
        problems = parity_problems(english, russian)
        if glossary_terms:
            problems += glossary_problems(english, russian, glossary_terms)
        pairs.append(PagePair(path, russian_file, state, word_count(english), word_count(russian), stamp, problems))
    return pairs


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


# --- command line --------------------------------------------------------------------------------

def _project_dir() -> Path:
    return Path(__file__).resolve().parents[2]


def _glossary_terms(project_dir: Path) -> GlossaryTerms:
    from .loader import load_guide_data

    data = load_guide_data(project_dir / "data", project_dir)
    return glossary_terms_of(data)


def glossary_terms_of(data: "GuideData") -> GlossaryTerms:  # noqa: F821 - avoids a circular import
    return [(term.en.term, term.ru.term, term.ru_variants) for term in data.glossary]


def _status(args: argparse.Namespace) -> int:
    project_dir = args.project.resolve()
    docs_dir = project_dir / "docs"
    pairs = page_pairs(docs_dir, _glossary_terms(project_dir))
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
    failing = counts["outdated"] + counts["missing"] + counts["orphan"] + with_problems
    if failing == 0:
        print("All translations are up to date.")
    return 1 if args.check and failing else 0


def _stamp(args: argparse.Namespace) -> int:
    project_dir = args.project.resolve()
    targets = sorted((project_dir / "docs").rglob("*.ru.md")) if args.all else [Path(p).resolve() for p in args.pages]
    for russian in targets:
        if not russian.name.endswith(".ru.md"):
            print(f"{russian}: not a Russian page (*.ru.md)", file=sys.stderr)
            return 2
        english = english_path(russian)
        if not english.exists():
            print(f"{russian}: no English source {english.name}", file=sys.stderr)
            return 2
        text = russian.read_text(encoding="utf-8")
        stamped = with_stamp(text, source_hash(english.read_text(encoding="utf-8")))
        if stamped != text:
            russian.write_text(stamped, encoding="utf-8")
            print(f"stamped {russian.relative_to(project_dir).as_posix()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guidekit.translation", description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=_project_dir(), help="project folder (holds docs/ and data/)")
    commands = parser.add_subparsers(dest="command", required=True)
    status = commands.add_parser("status", help="state of every page pair: translated, outdated, missing, orphan")
    status.add_argument("--check", action="store_true", help="exit 1 if anything needs a translator's attention")
    status.add_argument("--diff", action="store_true", help="show how the English page changed (needs git history)")
    status.set_defaults(run=_status)
    stamp = commands.add_parser("stamp", help="record that a Russian page translates the current English page")
    stamp.add_argument("pages", nargs="*", help="Russian pages (docs/…/page.ru.md)")
    stamp.add_argument("--all", action="store_true", help="stamp every Russian page (only after checking them all)")
    stamp.set_defaults(run=_stamp)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())


# --- for the site: reader notices and the status page ----------------------------------------------

def render_notice(ctx: "RenderContext", state: str, english_href: str) -> str:  # noqa: F821
    """Notice for a Russian-language reader: page not translated yet, or translated from an older English text."""
    return ctx.render("markers/translation-notice.html", state=state, english_href=english_href)


def render_status(ctx: "RenderContext", args: tuple[str, ...]) -> str:  # noqa: F821
    rows = []
    for pair in ctx.data.translations:
        english_src = pair["english"]
        rows.append({
            **pair,
            "href": ctx.link_to(english_src) if english_src else None,
            "state_label": ctx.t(f"translation.state.{pair['state']}"),
        })
    counts = Counter(pair["state"] for pair in ctx.data.translations)
    summary = [{"state": s, "label": ctx.t(f"translation.state.{s}"), "count": counts.get(s, 0)} for s in STATES]
    return ctx.render("markers/translation-status.html", rows=rows, summary=summary)


def site_pairs(docs_dir: Path, glossary_terms: GlossaryTerms) -> tuple[dict[str, object], ...]:
    """Plain rows of the page pairs for the status page and the notices (paths relative to docs/)."""
    rel = lambda p: p.relative_to(docs_dir).as_posix() if p else None  # noqa: E731
    return tuple(
        {"english": rel(p.english), "russian": rel(p.russian), "state": p.state, "english_words": p.english_words,
         "russian_words": p.russian_words, "problems": tuple(p.problems)}
        for p in page_pairs(docs_dir, glossary_terms)
    )


SPECS = (
    MarkerSpec("translation", "status", (), (), render_status, True,
               "translation state and word counts of every page pair (contributors' page)"),
)
