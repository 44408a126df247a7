"""Which English text a Russian page translates: a content hash in its front matter
(``translation_of: sha256:…``), so the answer is the same from a git checkout or a tarball."""

from __future__ import annotations

import hashlib
import re

STAMP_KEY = "translation_of"
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_STAMP_LINE = re.compile(rf"^{STAMP_KEY}:\s*(\S+)\s*$", re.M)


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
