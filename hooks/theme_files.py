"""Hook: MkDocs lists the theme's files without walking Material's hidden icon folder
(guidekit.theme.VisibleFilesLoader: the same static files, about 0.1 s less per language).

MkDocs asks the theme for a template environment on every language pass and lists the theme's
files right away, before any event runs, so the theme's ``get_env`` is wrapped once, here.
"""

from __future__ import annotations

from functools import wraps

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from guidekit.theme import without_hidden_listing


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    theme = config.theme
    if not getattr(theme.get_env, "lists_visible_files", False):   # on_config runs once per language
        make_env = theme.get_env

        @wraps(make_env)
        def get_env() -> Environment:
            return without_hidden_listing(make_env())

        get_env.lists_visible_files = True
        theme.get_env = get_env
    return config
