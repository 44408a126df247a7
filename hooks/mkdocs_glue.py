"""Small helpers shared by the hook modules: the only place that knows MkDocs/i18n internals.

Not registered as a hook itself; the hook modules import it (MkDocs puts hooks/ on sys.path while
it loads them).
"""

from __future__ import annotations

import posixpath
from contextlib import contextmanager
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

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
