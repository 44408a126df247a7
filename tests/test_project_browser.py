"""The project, resources and expert-country pages in a real browser: no serious accessibility problem,
no request to another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import settle

pytestmark = pytest.mark.browser

PAGES = ["guide/about/", "guide/resources/", "cases/russian-federation/", "cases/belarus/"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_project_pages_are_accessible_and_local(served_site: str, page, lang: str) -> None:
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith(("data:", "blob:")) else None)
    axe = Axe()
    for path in PAGES:
        page.goto(served_site + ("" if lang == "en" else "ru/") + path)
        settle(page)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]})
        serious = [f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
                   for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (lang, path)
    assert external == []
