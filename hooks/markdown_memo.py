"""Hook: Markdown is converted again only for the pages whose Markdown changed. Every page still
goes through every hook (markers, notices…) and every template; only the Markdown → HTML step of an
unchanged page is taken from an earlier build (.cache/derived/markdown-<language>.json). In
previews (`make serve`, `make preview-ru`) this is the one-page rebuild a translator needs after
saving a page (`mkdocs serve --dirty` is broken with the i18n plugin); in `make build` it spares
the conversion of every page nobody edited.

The key of a page's HTML is its Markdown (as the hooks left it), its path and URL, every file of the
site (links resolve against them), mkdocs.yml, the hooks' code and the versions of Python and of
the Markdown packages. Only the extensions listed in TEXT_ONLY_EXTENSIONS (and the hooks' own) may
be configured: their output depends on the page's text alone. Any other (pymdownx.snippets reads
files) switches the memo off. A page whose conversion logged anything (a broken link under strict
mode…) is never remembered, so it says so again on every build. The HTML is the same byte for byte
(tests/test_memo.py).
"""

from __future__ import annotations

import logging
import sys
from importlib.metadata import version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from guidekit import memo
from mkdocs_glue import current_language, guide_of, rendered_state, restore_rendered

MEMO_KEY = "ca_markdown_memo"   # {language: (Memo, key of what every page's HTML depends on)}
PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions")
TEXT_ONLY_EXTENSIONS = frozenset((
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
))


def _text_only(config: MkDocsConfig, hooks_dir: Path) -> bool:
    """Whether every configured Markdown extension is one whose output depends on the text alone."""
    for extension in config.markdown_extensions:
        if isinstance(extension, str):
            if extension not in TEXT_ONLY_EXTENSIONS:
                return False
        else:   # an instance: only the hooks' own (their code is part of the key)
            module = sys.modules.get(type(extension).__module__)
            source = Path(getattr(module, "__file__", None) or "/").resolve()
            if hooks_dir.resolve() not in source.parents:
                return False
    return True


class _Noticed(logging.Handler):
    """Counts what is logged while a page is converted."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _memo(config: MkDocsConfig, files: Files) -> tuple[memo.Memo, str] | None:
    language = current_language(config)
    if MEMO_KEY not in config:
        config[MEMO_KEY] = {}
    store = config[MEMO_KEY]
    if language not in store:
        project = guide_of(config).project_dir
        if not _text_only(config, project / "hooks"):
            store[language] = None
            return None
        hooks = sorted((project / "hooks").rglob("*.py"))
        site_files = "\n".join(f"{f.src_uri}\t{f.url}" for f in sorted(files, key=lambda f: f.src_uri))
        base = memo.digest(
            Path(config.config_file_path).read_bytes(), str(config.use_directory_urls), site_files,
            sys.version, *(f"{name} {version(name)}" for name in PACKAGES), *(path.read_bytes() for path in hooks),
        )
        store[language] = (memo.Memo(project, f"markdown-{language}", memo.code_digest(memo)), base)
    return store[language]


@event_priority(-1000)   # after every other hook and plugin has changed the Markdown
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = _memo(config, files)
    if found is None:
        return markdown
    remembered, base = found
    convert = page.render

    def render(config: MkDocsConfig, files: Files) -> None:
        key = memo.digest(base, page.file.src_uri, page.file.url, page.markdown or "")
        state = remembered.recall(key)
        if state is not None and restore_rendered(page, state, files):
            return
        noticed = _Noticed()
        loggers = (logging.getLogger(), logging.getLogger("mkdocs"))
        for logger in loggers:
            logger.addHandler(noticed)
        try:
            convert(config, files)
        finally:
            for logger in loggers:
                logger.removeHandler(noticed)
        if not noticed.count:
            remembered.remember(key, rendered_state(page))

    page.render = render   # type: ignore[method-assign]  # this page, this build only
    return markdown


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    for found in config.get(MEMO_KEY, {}).values():
        if found is not None:
            found[0].save()
