"""Material's theme files the guide's templates refer to by name."""

from __future__ import annotations

import re
from collections.abc import Iterable

_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


class ThemeChanged(Exception):
    """Material no longer ships the file the guide expects (a Material upgrade)."""


def material_bundle(paths: Iterable[str]) -> str:
    """The site path of Material's fingerprinted JavaScript bundle among the theme's files."""
    found = sorted({path for path in paths if _BUNDLE.fullmatch(path)})
    if len(found) != 1:
        raise ThemeChanged(
            f"expected one Material assets/javascripts/bundle.*.min.js among the theme's files, found "
            f"{found or 'none'}: check overrides/main.html (block scripts) against the installed mkdocs-material"
        )
    return found[0]
