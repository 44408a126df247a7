"""Small helpers shared by the hook modules: the only place that knows MkDocs/i18n internals.

Not registered as a hook itself; the hook modules import it (MkDocs puts hooks/ on sys.path while
it loads them).
"""

from __future__ import annotations

import posixpath
from contextlib import contextmanager
from typing import Any, Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from guidekit.errors import GuideError, GuideErrors
from guidekit.site import Guide

GUIDE_KEY = "guide"


def current_language(config: MkDocsConfig) -> str:
    """The language being built. Valid in page events (in on_config only at priority <= -110)."""
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) or config.theme.get("language")
    if not language:
        raise PluginError("cannot tell which language is being built; is the i18n plugin configured?")
    return str(language)


def guide_of(config: MkDocsConfig) -> Guide:
    try:
        return config[GUIDE_KEY]
    except KeyError:
        raise PluginError("hooks/load_data.py must be listed first under hooks: in mkdocs.yml") from None


@contextmanager
def reported_as_build_error() -> Iterator[None]:
    """Turn the guide's own errors into a clean MkDocs error (message, no traceback)."""
    try:
        yield
    except (GuideError, GuideErrors) as exc:
        raise PluginError(str(exc)) from None


def all_languages_built(config: MkDocsConfig) -> bool:
    """True in the final on_post_build, once the i18n plugin has built every language."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


def site_languages(config: MkDocsConfig) -> tuple[list[str], str]:
    """(languages built, default language) from the i18n plugin's configuration."""
    i18n = config.plugins.get("i18n")
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = next(lang.locale for lang in i18n.config.languages if lang.default)
    return languages, default


def site_root(page_url: str) -> str:
    """Relative URL from a page to the site root: "" for the home page, "../../" for "ru/guide/"."""
    depth = len([part for part in posixpath.dirname(page_url).split("/") if part])
    return "../" * depth


def drop_plugin_events(config: MkDocsConfig, plugin_name: str, events: tuple[str, ...]) -> None:
    """Stop a plugin's handlers for ``events`` from running (its other events still run)."""
    plugin = config.plugins.get(plugin_name)
    for event in events:
        config.plugins.events[event] = [
            method for method in config.plugins.events[event] if getattr(method, "__self__", None) is not plugin
        ]


def rendered_state(page: Page) -> dict[str, Any]:
    """What ``Page.render`` leaves on a page (MkDocs 1.6), as JSON: the HTML, the table of contents,
    the title from the first heading, the anchors the page has and the anchors it links to."""
    def token(item: AnchorLink) -> dict[str, Any]:
        return {"level": item.level, "id": item.id, "name": str(item.title), "children": [token(c) for c in item.children]}

    return {
        "content": str(page.content),
        "toc": [token(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if page.links_to_anchors is None else
                 {file.src_uri: links for file, links in page.links_to_anchors.items()},
    }


def restore_rendered(page: Page, state: dict[str, Any], files: Files) -> bool:
    """Put a remembered ``rendered_state`` back on the page, as ``Page.render`` would have left it;
    False (nothing changed) when a page it links to is no longer there."""
    links = None
    if state["links"] is not None:
        links = {}
        for src_uri, anchors in state["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            links[target] = anchors
    page.content = state["content"]
    page.toc = get_toc(state["toc"])
    page._title_from_render = state["title"]
    page.present_anchor_ids = set(state["anchors"])
    page.links_to_anchors = links
    return True
