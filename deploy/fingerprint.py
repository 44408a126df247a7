"""Patched theme assets get a new fingerprint from their own bytes, and every reference follows.

Material's assets carry a content fingerprint in their name (`assets/javascripts/bundle.<8 hex>.min.js`);
deploy/nginx.conf caches exactly those names for a year. A hook that changes such a file (see
hooks/language_switcher.py) would otherwise serve new bytes under a name browsers already cached.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from pathlib import Path

# Matches a file *name* (not HTML): stem.<8 hex>.min.js|css
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{8})\.min\.(?P<ext>js|css)$")
REFERENCING = {".html", ".js", ".css", ".json", ".xml"}
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")


def theme_assets_dir() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "templates"


def replace_name(text: str, old: str, new: str) -> str:
    """Replace the file name `old` where it stands as a whole name: not followed by a name character,
    so `bundle.<old>.min.js.map` (the source map, which keeps its name) is left alone."""
    parts, start = [], 0
    while (found := text.find(old, start)) != -1:
        end = found + len(old)
        before_ok = found == 0 or text[found - 1] not in _NAME_CHARS
        after_ok = end == len(text) or text[end] not in _NAME_CHARS
        parts.append(text[start:found] + (new if before_ok and after_ok else old))
        start = end
    return "".join(parts) + text[start:]


def refingerprint(site: Path, theme_dir: Path | None) -> list[tuple[str, str]]:
    """Rename fingerprinted assets whose bytes differ from the theme's shipped file; fix references."""
    if theme_dir is None:
        return []
    renamed: list[tuple[str, str]] = []
    for path in sorted(site.glob("assets/**/*.min.*")):
        match = FINGERPRINTED.match(path.name)
        shipped = theme_dir / path.relative_to(site)
        if not match or not shipped.is_file() or shipped.read_bytes() == path.read_bytes():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        new_name = f"{match['stem']}.{digest}.min.{match['ext']}"
        path.rename(path.with_name(new_name))
        renamed.append((path.name, new_name))
    if renamed:
        for path in sorted(site.rglob("*")):
            if path.suffix in REFERENCING and path.is_file():
                text = path.read_text(encoding="utf-8")
                updated = text
                for old, new in renamed:
                    updated = replace_name(updated, old, new)
                if updated != text:
                    path.write_text(updated, encoding="utf-8")
    return renamed
