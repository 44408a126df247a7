"""Material's theme files: the ones the guide's templates refer to by name, and how they are listed."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

import jinja2

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


class VisibleFilesLoader(jinja2.FileSystemLoader):
    """A theme loader that lists no file in a hidden folder.

    On each build, MkDocs lists every file of the theme to find its static files, then drops each
    path with a hidden part (patterns ``.*`` and ``*/.*``). Material keeps its 14,000 icons in a
    hidden folder (``.icons``), so that listing took about 0.1 s of CPU per language for nothing.
    Skipping hidden folders while walking gives MkDocs the same files; loading a template by name
    is unchanged."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                for name in names:
                    found.add(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return sorted(found)


def without_hidden_listing(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` with its plain file-system loader replaced by a VisibleFilesLoader over the same folders;
    any other loader is left as it is."""
    loader = env.loader
    if type(loader) is jinja2.FileSystemLoader:
        env.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
    return env
