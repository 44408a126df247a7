"""Hook: the navigation of sections the reader is not in is rendered once per language pass and
page depth, not once per page (guidekit.navmemo; used by overrides/partials/nav-item.html)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from guidekit.navmemo import NavMemo


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["ca_nav"] = NavMemo()   # one per environment: one per language pass
    return env
