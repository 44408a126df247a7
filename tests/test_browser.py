"""Behaviour in a real browser (Debian's chromium via Playwright), served from 127.0.0.1."""

from __future__ import annotations

import re

import pytest

from conftest import BuiltSite

pytestmark = pytest.mark.browser


def search(page, base: str, path: str, query: str) -> list[str]:
    """Type a query into Material's search box and return the result links (absolute paths)."""
    page.goto(base + path)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.fill("input.md-search__input", query)
    page.locator("input.md-search__input").press("End")  # Material listens to keyup
    page.wait_for_selector(".md-search-result__list li a, .md-search-result__meta", timeout=10_000)
    page.wait_for_function(
        "() => !/Initializing|Инициализация/.test(document.querySelector('.md-search-result__meta')?.textContent || '')"
    )
    return page.eval_on_selector_all(
        ".md-search-result__list > li > a", "links => links.map(a => new URL(a.href).pathname)"
    )


def test_russian_search_finds_other_word_forms(site: BuiltSite, served_site: str, page) -> None:
    index_text = " ".join(doc["text"] + " " + doc["title"] for doc in site.search_index()["docs"]).lower()
    query = "уведомлениями"  # instrumental plural: found only through the Russian stemmer
    assert query not in index_text, "precondition: the exact form must not occur on any page"
    assert "уведомлени" in index_text

    results = search(page, served_site, "ru/", query)
    assert results, "Russian stemming did not match any form of «уведомление»"
    assert any(path.startswith("/ru/") for path in results)


def test_language_switcher_opens_the_same_page(served_site: str, page) -> None:
    page.goto(served_site + "countries/kazakhstan/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=ru]").first.click()
    page.wait_for_url(re.compile(r"/ru/countries/kazakhstan/$"))
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Казахстан")
