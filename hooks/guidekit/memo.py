"""Results derived from pages, remembered between builds under ``.cache/`` (git-ignored).

A build derives the same things from the same pages again and again: a page's HTML from its
Markdown (hooks/markdown_memo.py), the class names a page uses (guidekit.css), its search sections
(guidekit.search), a chapter's print copy (guidekit.printing). A ``Memo`` keeps them in one JSON file, keyed on a digest of the input, and
the whole file on a digest of the *code* that derives them: a changed page gets a new key (and is
derived afresh), a changed rule empties the memo. The file keeps what the last GENERATIONS builds
asked for, and nothing else (see ``Memo.save``). No file, a broken file or one written by other code:
everything is derived again, as in a clean clone.

The file is replaced in one rename (never half written); two builds at once can only make each
other derive more, never read a wrong entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

CACHE_DIR = Path(".cache") / "derived"
# Builds whose keys are kept. A bilingual build saves a shared memo twice (once per language): with
# four, an English-only or Russian-only build (make preview-ru) between two bilingual ones (make serve)
# leaves the other language's entries in place.
GENERATIONS = 4


def digest(*parts: str | bytes) -> str:
    """A short content digest of ``parts`` (each one delimited, so ("ab", "c") ≠ ("a", "bc"))."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def code_digest(*modules: ModuleType) -> str:
    """Digest of the source files of ``modules``: the rules a memo's entries were derived by."""
    return digest(*(Path(module.__file__ or "").read_bytes() for module in modules))


class Memo:
    """``key → JSON value`` remembered in ``<project>/.cache/derived/<name>.json``."""

    def __init__(self, project_dir: Path, name: str, code: str) -> None:
        self.path = project_dir / CACHE_DIR / f"{name}.json"
        self.code = code
        self.entries: dict[str, Any] = {}
        self.recent: list[set[str]] = []   # the keys each of the last builds used, newest first
        self.used: dict[str, Any] = {}
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            stored = None
        if (isinstance(stored, dict) and stored.get("code") == code and isinstance(stored.get("entries"), dict)
                and isinstance(stored.get("recent"), list) and all(isinstance(g, list) for g in stored["recent"])):
            self.entries = stored["entries"]
            self.recent = [set(generation) for generation in stored["recent"]]

    def get(self, key: str, derive: Callable[[], Any]) -> Any:
        """The value remembered for ``key``, else ``derive()`` (remembered from now on)."""
        if key in self.used:
            return self.used[key]
        # A derived value goes through JSON as a remembered one does (tuples become lists…), so a
        # build that derives it and one that remembers it see the very same value.
        value = self.entries[key] if key in self.entries else json.loads(json.dumps(derive(), ensure_ascii=False))
        self.used[key] = value
        return value

    def recall(self, key: str) -> Any | None:
        """The value remembered for ``key`` (kept for the next build too), or None."""
        if key in self.used:
            return self.used[key]
        if key in self.entries:
            self.used[key] = self.entries[key]
            return self.used[key]
        return None

    def remember(self, key: str, value: Any) -> None:
        """Remember ``value`` (JSON) for ``key``."""
        self.used[key] = value

    def save(self) -> None:
        """Write what this build and the GENERATIONS - 1 builds before it asked for. A build that
        asked for exactly what one of the last GENERATIONS - 1 builds did is not a new generation:
        nothing is written (entries are content-addressed: same keys, same values). So builds that
        alternate (`make preview-ru`, then `make serve`, then `make preview-ru`…) rewrite no memo, and
        the set they use is still among the kept ones after the next new generation."""
        used = self.used.keys()
        if used <= self.entries.keys() and any(generation == used for generation in self.recent[:GENERATIONS - 1]):
            return
        recent = [set(self.used), *self.recent[:GENERATIONS - 1]]
        kept = {key: self.entries[key] for generation in recent[1:] for key in generation if key in self.entries}
        kept.update(self.used)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}")
        partial.write_text(json.dumps({"code": self.code, "recent": [sorted(g) for g in recent], "entries": kept},
                                      ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, self.path)
        self.entries, self.recent = kept, recent
