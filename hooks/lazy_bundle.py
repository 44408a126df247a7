"""Hook: the URL of Material's bundle for overrides/main.html, which has it fetched on the reader's
first interaction instead of with every page (docs/assets/theme-init.js)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from guidekit.theme import ThemeChanged, material_bundle


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    try:
        env.globals["ca_material_bundle"] = material_bundle(file.src_uri for file in files)
    except ThemeChanged as exc:
        raise PluginError(str(exc)) from None
    return env
