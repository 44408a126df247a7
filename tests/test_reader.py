"""Reader experience in a real browser: accessibility, keyboard, offline, print, 404, mobile, requests."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import COLOUR_RULES, INHERITING, PROJECT, PROJECT_PAGES, BuiltSite, axe_problems, settle, watching

pytestmark = pytest.mark.browser

PAGE_TYPES = ["", "guide/prevention/", "notification/", "countries/", "countries/kazakhstan/",
              "glossary/", "cases/", "cases/kazakhstan-tailings-safety/", "guide/print/", "self-assessment/"]
LANG_PREFIX = {"en": "", "ru": "ru/"}


@pytest.mark.parametrize("path", [*PAGE_TYPES, "no-such-page/"])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_page_is_accessible_quiet_and_local(served_site: str, reading_tab, lang: str, path: str) -> None:
    """No console error or warning, no script error, no request to another host, and no axe finding
    (conftest.axe_problems) on every page type of both languages; the colour rules in Russian only
    (COLOUR_RULES)."""
    page = reading_tab
    with watching(page) as problems:
        page.goto(served_site + LANG_PREFIX[lang] + path)
        settle(page)
        if path == "guide/print/":
            # Every rule but the colour ones: its frame is every page's frame and its chapters use the
            # components and colours of the pages checked here on their own; over its 9,000 nodes
            # those two rules cost 70 % of the run. The chapters' text is checked in Russian: the
            # English pages have the same structure, heading for heading and table for table
            # (translation parity, tests/test_translation.py), so in English the frame is checked around it.
            findings = axe_problems(page, context={"exclude": [[".md-content__inner"]]} if lang == "en" else None,
                                    rules=COLOUR_RULES)
        else:
            findings = axe_problems(page, rules=COLOUR_RULES if lang == "en" else None)
    if path == "no-such-page/":   # the browser logs the 404 status of the address itself, nothing else
        problems.remove("console error: Failed to load resource: the server responded with a status of 404 (Not Found)")
    assert problems == []
    assert findings == []


@pytest.mark.parametrize("path", [*PAGE_TYPES, "no-such-page/", *PROJECT_PAGES])
def test_english_pages_use_only_what_the_russian_ones_show(site: BuiltSite, path: str) -> None:
    """Each class and element of an English page is on the Russian page of its type, so the colour
    rules that ran on the Russian page (COLOUR_RULES) have seen it."""
    def shown(lang: str) -> tuple[set[str], set[str]]:
        body = site.soup(lang, "404.html" if path == "no-such-page/" else path).body
        return ({name for tag in body.find_all(True) for name in tag.get("class") or ()},
                {tag.name for tag in body.find_all(True)})

    (en_classes, en_tags), (ru_classes, ru_tags) = shown("en"), shown("ru")
    assert en_classes - ru_classes == set()
    assert en_tags - ru_tags - INHERITING == set()


def test_keyboard_skip_link_and_search_shortcut(served_site: str, page) -> None:
    page.goto(served_site + "ru/guide/scope/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + ' ' + document.activeElement.getAttribute('href')")
    assert "md-skip" in focused
    page.keyboard.press("Enter")
    page.mouse.click(5, 400)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("хвостохранилище")
    page.wait_for_selector("#ca-search-results li a")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_foreign_terms_are_marked_with_their_language(site: BuiltSite) -> None:
    glossary = site.soup("ru", "glossary/")
    english_terms = glossary.select("dl.ca-glossary [lang=en]")
    assert len(english_terms) > 40 and all(t.get_text().isascii() for t in english_terms)
    assert site.soup("en", "glossary/").select("dl.ca-glossary [lang=ru]")


@pytest.mark.parametrize(("path", "lang", "title"), [
    ("no-such-page/", "en", "Page not found"),
    ("ru/no-such-page/", "ru", "Страница не найдена"),
    ("ru/guide/nothing/here/", "ru", "Страница не найдена"),
])
def test_404_page_in_the_readers_language(served_site: str, page, path: str, lang: str, title: str) -> None:
    response = page.goto(served_site + path)
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text() == title
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")


def test_narrow_screen_shows_the_navigation_drawer(browser, served_site: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        tab.goto(served_site + "ru/guide/scope/")
        drawer = tab.locator("nav.md-nav--primary")
        assert not drawer.is_visible() or tab.locator(".md-sidebar--primary").bounding_box()["x"] < 0
        tab.locator("label.md-header__button[for=__drawer]").click()
        tab.wait_for_timeout(400)
        link = tab.locator(".md-sidebar--primary a.md-nav__link", has_text="Готовность к чрезвычайным ситуациям")
        assert link.is_visible()
    finally:
        context.close()


def test_print_shows_content_only_with_link_addresses(served_site: str, page) -> None:
    page.goto(served_site + "guide/convention/")
    page.emulate_media(media="print")
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".md-header").is_hidden()
    external = page.locator("article a[href^='http']").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert "http" in after


def test_print_page_holds_every_part_a_reader_prints(site: BuiltSite) -> None:
    """Chapters, notification template, case studies, country profiles and glossary, in order, with
    a contents list whose links all land, no duplicate ids and no scripts."""
    from conftest import project_data

    data = project_data()
    for lang in ("en", "ru"):
        soup = site.soup(lang, "guide/print/")
        parts = [p["id"] for p in soup.select(".ca-print-part")]
        assert parts == ["part-guide", "part-notification", "part-cases", "part-countries", "part-glossary"]
        sections = [s["id"] for s in soup.select("section.ca-print-chapter")]
        assert sections[:3] == ["about", "convention", "scope"] and "annex-i" in sections
        assert {"page-notification", "page-glossary", "page-countries"} <= set(sections)
        assert {f"page-countries-{c.page.split('/')[-1].removesuffix('.md')}" for c in data.countries.values()} <= set(sections)
        assert {f"page-cases-{case.slug}" for case in data.cases} <= set(sections)
        toc = [a["href"].lstrip("#") for a in soup.select(".ca-print-toc a")]
        assert [t for t in toc if not t.startswith("part-")] == [*sections, "self-assessment-checklist"]
        ids = [e["id"] for e in soup.select("[id]")]
        assert len(ids) == len(set(ids)), "duplicate ids on the print page"
        article = soup.select_one("article")
        broken = [a["href"] for a in article.select("a[href^='#']") if a["href"][1:] not in ids]
        assert broken == []
        assert article.select("script") == []
        # a link between two printed pages stays on the print page
        assert article.select_one("#scope a[href^='#page-countries-'], #scope a[href^='#identification']") or \
            article.select("a[href^='#page-countries-']")


@pytest.mark.slow
@pytest.mark.xdist_group("offline")   # offline_site is built once, on the worker that runs both users
def test_downloads_pdf_and_offline_copy(tmp_path: Path, browser, offline_site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": os.pathsep.join([str(PROJECT / "hooks"), str(PROJECT)])}
    site, offline = tmp_path / "site", offline_site
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                   cwd=PROJECT, env={**env, "GUIDE_DOWNLOADS": "1"}, check=True, timeout=300, capture_output=True)
    made = subprocess.run([sys.executable, "-m", "deploy.downloads", "--site", str(site), "--offline", str(offline)],
                          cwd=PROJECT, env=env, check=True, timeout=600, capture_output=True, text=True)
    # progress: which page each PDF is printed from, then its size and time
    lines = made.stdout.splitlines()
    for number, lang, page in ((1, "en", "guide/print/index.html"), (2, "ru", "ru/guide/print/index.html")):
        assert f"PDF {number}/2: printing {page} → guide-{lang}.pdf" in lines, made.stdout
        assert any(re.fullmatch(rf"PDF {number}/2: guide-{lang}\.pdf, \d+ kB, \d+\.\d s", line) for line in lines), made.stdout
    for lang in ("en", "ru"):
        pdf = (site / "downloads" / f"guide-{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") > 30
        assert b"/Outlines" in pdf
    assert (site / "downloads" / "guide-offline.zip").stat().st_size > 100_000
    links = (site / "ru" / "guide" / "print" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../downloads/guide-ru.pdf"' in links

    context = browser.new_context()
    try:
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda r: requests.append(r.url))
        tab.goto((offline / "ru" / "guide" / "scope.html").as_uri())
        tab.locator(".ca-search .md-search__input").fill("уведомлениями")
        tab.wait_for_selector("#ca-search-results li a")
        first = tab.locator("#ca-search-results li a").first.get_attribute("href")
        assert first.startswith("file://") and "/ru/" in first
        tab.locator("a.md-select__link[hreflang=en]").first.dispatch_event("click")
        # (a glob "**/guide/scope.html" would match the Russian page's own URL and return at once)
        tab.wait_for_url(lambda url: url.endswith("/guide/scope.html") and "/ru/" not in url)
        assert tab.locator("html").get_attribute("lang") == "en"
        assert requests and all(url.startswith("file://") for url in requests)
    finally:
        context.close()
