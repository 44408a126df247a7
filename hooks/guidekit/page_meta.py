"""Absolute hreflang alternates (with x-default) for a page, from the site URL and the page's URL."""

from __future__ import annotations

from urllib.parse import urljoin

OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}


def alternates(site_url: str, page_url: str, current: str, languages: list[str], default: str) -> list[dict[str, object]]:
    """One entry per language plus x-default, each with an absolute URL of the same page."""
    prefix = "" if current == default else f"{current}/"
    neutral = page_url.removeprefix(prefix) if page_url.startswith(prefix) else page_url
    base = site_url if site_url.endswith("/") else site_url + "/"

    def url(lang: str) -> str:
        return urljoin(base, ("" if lang == default else f"{lang}/") + neutral)

    entries: list[dict[str, object]] = [
        {"hreflang": lang, "href": url(lang), "og_locale": OG_LOCALES.get(lang), "current": lang == current}
        for lang in languages
    ]
    entries.append({"hreflang": "x-default", "href": url(default), "og_locale": None, "current": False})
    return entries
