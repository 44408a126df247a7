"""Hook: load and validate data/ and check every page's markers, once per language pass."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from guidekit.site import prepare_guide
from mkdocs_glue import GUIDE_KEY, reported_as_build_error


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if GUIDE_KEY in config:
        return config  # the i18n plugin builds each language with the same config: load once per build
    project_dir = Path(config.config_file_path).resolve().parent
    with reported_as_build_error():
        config[GUIDE_KEY] = prepare_guide(
            project_dir, Path(config.docs_dir), project_dir / "overrides",
            # make publish / make downloads set this: pages then link to the PDFs and offline copy.
            downloads=os.environ.get("GUIDE_DOWNLOADS") == "1",
        )
    return config
