"""The project, resources and expert-country pages in a real browser: no serious accessibility problem,
no request to another host."""

from __future__ import annotations

import pytest
from conftest import COLOUR_RULES, PROJECT_PAGES, axe_problems, settle, watching

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_project_pages_are_accessible_and_local(served_site: str, reading_tab, lang: str) -> None:
    """No axe finding, console error, script error or request to another host on the project's pages
    (axe's colour rules in Russian: conftest.COLOUR_RULES)."""
    for path in PROJECT_PAGES:
        with watching(reading_tab) as problems:
            reading_tab.goto(served_site + ("" if lang == "en" else "ru/") + path)
            settle(reading_tab)
            findings = axe_problems(reading_tab, rules=COLOUR_RULES if lang == "en" else None)
        assert (problems, findings) == ([], []), (lang, path)
