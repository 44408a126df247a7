"""The project, resources and expert-country pages in a real browser: no serious accessibility problem,
no request to another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import axe_problems, settle

pytestmark = pytest.mark.browser

PAGES = ["guide/about/", "guide/resources/", "cases/russian-federation/", "cases/belarus/"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_project_pages_are_accessible_and_local(served_site: str, page, lang: str) -> None:
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith(("data:", "blob:")) else None)
    for path in PAGES:
        page.goto(served_site + ("" if lang == "en" else "ru/") + path)
        settle(page)
        assert axe_problems(page) == [], (lang, path)
    assert external == []
