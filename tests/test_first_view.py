"""A light first view (issue 14): Material's bundle is fetched on the reader's first interaction, not
with the page (docs/assets/theme-init.js, overrides/main.html, hooks/lazy_bundle.py); until then the
navigation drawer, the language menu, the search and keyboard focus work without it. Checks on the
built HTML of both languages and in Debian's chromium."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, BuiltSite, settle
from guidekit.css import native_focus_visible
from guidekit.theme import ThemeChanged, material_bundle

PREFIX = {"en": "", "ru": "ru/"}
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


def test_material_bundle_is_found_among_the_theme_files() -> None:
    files = ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/lunr/min/lunr.ru.min.js", "index.md"]
    assert material_bundle(files) == "assets/javascripts/bundle.a5f9d56c.min.js"
    with pytest.raises(ThemeChanged, match="overrides/main.html"):
        material_bundle(["index.md"])
    with pytest.raises(ThemeChanged):
        material_bundle(["assets/javascripts/bundle.1.min.js", "assets/javascripts/bundle.2.min.js"])


def test_polyfill_focus_class_becomes_the_pseudo_class() -> None:
    css = (".md-header__button:not(.focus-visible){outline:none}"
           "@media screen{.md-nav__link.focus-visible,.focus-visible>.md-tooltip{outline-color:red}}"
           ".js-focus-visible .x,.focus-visible-ish{a:b}")
    assert native_focus_visible(css) == (
        ".md-header__button:not(:focus-visible){outline:none}"
        "@media screen{.md-nav__link:focus-visible,:focus-visible>.md-tooltip{outline-color:red}}"
        ".js-focus-visible .x,.focus-visible-ish{a:b}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_do_not_load_the_bundle_but_name_it_for_the_loader(site: BuiltSite, lang: str) -> None:
    for page in ("", "guide/prevention/", "countries/kazakhstan/"):
        soup = site.soup(lang, page)
        sources = [tag["src"] for tag in soup.find_all("script", src=True)]
        assert not any(BUNDLE.search(src) for src in sources), (lang, page)
        loader = soup.find("head").find("script", src=re.compile(r"assets/theme-init\.js$"))
        assert loader is not None and loader.has_attr("defer"), (lang, page)
        bundle = loader["data-ca-bundle"]
        assert BUNDLE.search(bundle)
        assert (site.path(lang, page).parent / bundle).resolve().is_file(), (lang, page, bundle)


def test_trimmed_stylesheet_uses_the_native_focus_pseudo_class(site: BuiltSite) -> None:
    css = next((site.root / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ":focus-visible" in css
    assert not re.search(r"\.focus-visible(?![\w-])", css)


# --- in the browser ------------------------------------------------------------------------------

def bundle_requests(tab) -> list[str]:
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url) if BUNDLE.search(request.url) else None)
    return requests


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_first_interaction_loads_the_bundle_and_it_starts(served_site: str, page, lang: str) -> None:
    requested = bundle_requests(page)
    # chromium-headless-shell sends a pointer move of its own while the page lays out: at (0, 0), where
    # Playwright's mouse starts, without movement. No reader makes it; keep it from theme-init.js.
    page.add_init_script("""window.addEventListener("pointermove", e => {
        if (!e.clientX && !e.clientY && !e.movementX && !e.movementY) e.stopImmediatePropagation();
    }, { capture: true });""")
    page.goto(served_site + PREFIX[lang] + "guide/prevention/")
    settle(page)
    assert requested == [], "the first view fetched Material's bundle"
    assert page.evaluate("typeof document$") == "undefined"
    assert page.evaluate("document.documentElement.className") == "js"
    page.mouse.wheel(0, 1500)
    page.wait_for_selector("html.js-focus-visible", state="attached", timeout=10_000)
    assert len(requested) == 1
    # The bundle started on a page that had long finished loading: the table of contents follows the
    # text, tables are wrapped for scrolling, the header shows the section's title.
    page.wait_for_selector(".md-sidebar--secondary .md-nav__link--active", state="attached", timeout=10_000)
    assert page.locator(".md-typeset__scrollwrap table").count() >= 1
    page.mouse.wheel(0, 400)
    page.wait_for_selector(".md-header__title--active", state="attached", timeout=10_000)
    # … and only once, however many interactions follow.
    page.keyboard.press("Tab")
    page.mouse.move(200, 200)
    page.wait_for_timeout(300)
    assert len(requested) == 1


@pytest.fixture
def without_bundle(browser):
    """A phone whose link has not delivered Material's bundle (yet): every request for it hangs up."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    context.route(BUNDLE, lambda route: route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_drawer_language_menu_and_search_work_before_the_bundle(served_site: str, without_bundle, lang: str) -> None:
    tab = without_bundle
    tab.goto(served_site + PREFIX[lang] + "guide/scope/")
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.wait_for_timeout(400)
    assert tab.locator(".md-sidebar--primary a.md-nav__link[href$='prevention/']").first.is_visible()
    tab.locator("label.md-overlay").click(position={"x": 350, "y": 400})
    tab.wait_for_timeout(400)
    # The language menu (CSS: it opens on focus) leads to the same page in the other language.
    other = "ru" if lang == "en" else "en"
    tab.locator(".md-header__option .md-select button").first.focus()
    link = tab.locator(f"a.md-select__link[hreflang={other}]").first
    assert link.is_visible()
    assert link.get_attribute("href").rstrip("/").endswith("guide/scope")
    # Search: the header button opens it; the guide's own search answers.
    tab.locator("label.md-header__button[for=__search]").click()
    box = tab.locator(".ca-search .md-search__input")
    box.fill("notification" if lang == "en" else "уведомление")
    tab.wait_for_selector("#ca-search-results li a", timeout=10_000)
    assert tab.evaluate("typeof document$") == "undefined"


@pytest.mark.browser
def test_keyboard_focus_is_visible_before_the_bundle(served_site: str, browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(BUNDLE, lambda route: route.abort())
    try:
        tab = context.new_page()
        tab.goto(served_site + "guide/scope/")
        seen = {}
        for _ in range(40):
            tab.keyboard.press("Tab")
            info = tab.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
                return [e.className, s.outlineStyle]; }""")
            for kind in ("md-header__button", "md-nav__link"):
                if kind in info[0].split():
                    seen.setdefault(kind, info[1])
            if len(seen) == 2:
                break
        assert seen and all(style != "none" for style in seen.values()), seen
    finally:
        context.close()
