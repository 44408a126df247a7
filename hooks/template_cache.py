"""Hook: Jinja compiles each theme template once, not once per language and rebuild.

MkDocs builds a fresh template environment for every language pass (and every `mkdocs serve`
rebuild), so Material's templates were compiled again each time. A bytecode cache on disk, keyed by
Jinja on each template's path and source checksum, is shared by all passes and rebuilds.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from guidekit.markers import template_bytecode_cache


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    project_dir = Path(config.config_file_path).resolve().parent
    env.bytecode_cache = template_bytecode_cache(project_dir, "theme")
    return env
