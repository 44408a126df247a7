"""What must be the same in both languages of a page (heading ids, markers, tables, code blocks,
admonitions), and how many words a reader sees."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .markers import find_markers
from .stamps import body_of

_HEADING_ID = re.compile(r"^#{1,6} .*\{#([A-Za-z0-9_-]+)\}\s*$", re.M)
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?) ", re.M)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.M)
_FENCE = re.compile(r"^(`{3,}|~{3,})", re.M)
_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*")


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
