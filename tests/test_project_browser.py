"""The project, resources and expert-country pages in a real browser: no serious accessibility problem,
no request to another host."""

from __future__ import annotations

import pytest
from conftest import axe_problems, settle, watching

pytestmark = pytest.mark.browser

PAGES = ["guide/about/", "guide/resources/", "cases/russian-federation/", "cases/belarus/"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_project_pages_are_accessible_and_local(served_site: str, reading_tab, lang: str) -> None:
    """No axe finding, console error, script error or request to another host on the project's pages."""
    for path in PAGES:
        with watching(reading_tab) as problems:
            reading_tab.goto(served_site + ("" if lang == "en" else "ru/") + path)
            settle(reading_tab)
            findings = axe_problems(reading_tab)
        assert (problems, findings) == ([], []), (lang, path)
