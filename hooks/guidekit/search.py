"""Per-language search indexes, and the cleanup that keeps the published site small.

Material's search plugin (with the i18n plugin) writes one merged index for every language, which
Material's own search fetches on every page load. The guide's search (docs/assets/search.js) loads
one language's index, on demand, from ``search/<lang>.js`` — a script, so it works from file:// too.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    """Index text without HTML markup (smaller, and snippets show clean text)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def split_index(merged: dict[str, Any], languages: list[str], default: str) -> dict[str, list[dict[str, str]]]:
    """Documents of the merged index by language: ``ru/…`` belongs to ru, the rest to the default."""
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    by_language: dict[str, list[dict[str, str]]] = {lang: [] for lang in languages}
    seen: set[str] = set()
    for doc in merged["docs"]:
        location = doc["location"]
        if location in seen:
            continue
        seen.add(location)
        lang = next((code for code, prefix in prefixes.items() if location.startswith(prefix)), default)
        by_language[lang].append({"location": location, "title": plain_text(doc["title"]), "text": plain_text(doc["text"])})
    return by_language


def index_script(lang: str, docs: list[dict[str, str]]) -> str:
    """``search/<lang>.js``: the language's documents as a script that registers them."""
    payload = json.dumps({"lang": lang, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("</", "<\\/")  # never closes a <script> even if inlined
    return f'window.__caSearchIndex=window.__caSearchIndex||{{}};window.__caSearchIndex["{lang}"]={payload};\n'


# Material 9.8.x fetches ``sitemap.xml`` next to every ``link[rel=alternate]`` to map pages between
# languages. With per-page alternates (mkdocs-static-i18n) those files do not exist: each page
# view made 404 requests and logged console errors. The guide's language links already point at
# the same page in the other language, so the probe is narrowed to links that never exist.
SITEMAP_PROBE = 'M("link[rel=alternate]")'
SITEMAP_PROBE_OFF = 'M("link[rel=alternate][data-ca-sitemap]")'


class BundleChanged(Exception):
    """Material's bundle no longer contains the code this guide adjusts (a Material upgrade)."""


def disable_sitemap_probe(bundle: str) -> str:
    if SITEMAP_PROBE_OFF in bundle:
        return bundle
    if bundle.count(SITEMAP_PROBE) != 1:
        raise BundleChanged(
            "Material's bundle does not contain the sitemap probe this guide disables; check "
            "hooks/guidekit/search.py against the installed mkdocs-material version"
        )
    return bundle.replace(SITEMAP_PROBE, SITEMAP_PROBE_OFF)
