"""Reader polish (issue 14): compact search index and its ranking, header title, focus, own markup,
404 pages, page titles. Unit tests of guidekit.search, checks on the built HTML of both languages,
and browser tests (Debian's chromium via the Playwright fixtures of conftest)."""

from __future__ import annotations

import gzip
import re

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, BuiltSite, settle
from guidekit.search import (
    SearchDoc, compact_index, expand_index, front_code, front_decode, lead, lunr_stop_words, lunr_word_characters,
    page_docs, page_sections, plain_text, tokens,
)
from guidekit.stemmers import Pipeline, english_trimmer, porter, snowball_russian, trimmer_for

# --- the compact search index ------------------------------------------------------------------

def test_plain_text_parses_html_and_collapses_whitespace() -> None:
    fragment = '<p>Article&nbsp;3 <code>a&lt;b</code></p>\n<ul><li>one</li><li>two</li></ul><script>x = "<p>"</script>'
    assert plain_text(fragment) == "Article 3 a<b one two"


def test_tokens_follow_lunr_tokenizer() -> None:
    assert tokens("Land-use planning, «Уведомление» (Article 6(2)).") == [
        "land", "use", "planning,", "«уведомление»", "(article", "6(2))."]


def test_pipelines_trim_drop_stop_words_and_stem() -> None:
    english = Pipeline(english_trimmer, frozenset({"the"}), porter)
    assert [english(w) for w in ("(notifications).", "the", "«", "operator")] == ["notif", None, None, "oper"]
    russian = Pipeline(trimmer_for("Ѐ-҄҇-ԯ"), frozenset({"без"}), snowball_russian)
    forms = ("«уведомление»,", "уведомления", "уведомлениями", "уведомлении")
    assert {russian(w) for w in forms} == {"уведомлен"}
    assert [russian(w) for w in ("без", "iso", "2012")] == [None, None, None]   # lunr.ru keeps Cyrillic words only


def test_front_coding_round_trips() -> None:
    words = sorted({"уведомление", "уведомления", "уведомлениях", "a", "ab", "abc", "b", "x" * 50, "x" * 51})
    assert front_decode(front_code(words)) == words
    assert front_decode("") == []


def test_compact_index_keeps_every_word_of_every_section_once() -> None:
    docs = [SearchDoc("guide/a/", "A", "The operator must notify the authority. The operator notifies."),
            SearchDoc("guide/a/#related", "Related", "Notification and consultation.", boost=0.3),
            SearchDoc("guide/b/", "B", "")]
    index = compact_index("en", docs, Pipeline(english_trimmer, frozenset({"the", "and", "must"}), porter))
    # each term once per section, whatever the forms: "notify", "notifies" → "notifi"
    assert expand_index(index) == {"guide/a/": ["author", "notifi", "oper"],
                                   "guide/a/#related": ["consult", "notif"],
                                   "guide/b/": []}
    assert [doc.get("boost", 1) for doc in index["docs"]] == [1, 0.3, 1]


def test_lead_cuts_at_a_word_boundary() -> None:
    text = "Prevention is the first line of defence under the Convention: no contingency plan can undo a release."
    assert lead(text, 40) == "Prevention is the first line of defence …"
    assert lead("Short.", 40) == "Short."


def test_stop_words_are_read_from_lunr_scripts() -> None:
    assert lunr_stop_words('x.stopWordFilter=e.generateStopWordFilter(["a","able","the"])') == {"a", "able", "the"}
    assert lunr_stop_words('e.ru.stopWordFilter=e.generateStopWordFilter("без более бы".split(" "))') == {"без", "более", "бы"}
    with pytest.raises(Exception, match="generateStopWordFilter"):
        lunr_stop_words("function(){}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_is_much_smaller_than_the_text_it_indexes(site: BuiltSite, lang: str) -> None:
    """Each term once per section instead of every word at every occurrence: the index is well under
    the gzip of the pages' plain text (now about 0.37 of it in English, 0.30 in Russian). Issue 14
    asks for at most 45 and 60 kB; bench/results.md keeps those figures, which grow with the
    content, so this test checks the ratio rather than a fixed size."""
    text = " ".join(site.soup(lang, path).find("article").get_text(" ") for path in site.pages(lang)
                    if path != "guide/print/")
    text_gzip = len(gzip.compress(" ".join(text.split()).encode(), 9))
    index_gzip = len(gzip.compress((site.root / "search" / f"{lang}.js").read_bytes(), 9))
    assert index_gzip < 0.5 * text_gzip


def test_page_sections_split_at_headings_with_a_real_parser() -> None:
    html = ('<h1 id="t">Title<a class="headerlink" href="#t">¶</a></h1><p>Intro <b>x</b></p>'
            '<table><tr><td>10</td><td>Flammable</td></tr></table>'
            '<h2 id="a">Sec <em>A</em><a class="headerlink" href="#a">¶</a></h2><p>text &amp; more</p>'
            '<script>var x = "<h2 id=z>"</script><h3>no id</h3><p>end</p>')
    assert page_sections(html) == [("", "Title", "Intro x 10 Flammable"), ("a", "Sec A", "text & more no id end")]
    docs = page_docs("guide/x/", "Nav title", html + '<h2 id="related">Related</h2><p>links</p>')
    assert [(d.location, d.title, d.boost) for d in docs] == [
        ("guide/x/", "Title", 2.0), ("guide/x/#a", "Sec A", 1.0), ("guide/x/#related", "Related", 0.3)]


@pytest.mark.parametrize("lang, page, deep_word, term", [("en", "guide/prevention/", "penalties", "penalti"),
                                                          ("ru", "guide/prevention/", "санкции", "санкц")])
def test_search_index_holds_words_beyond_the_shown_text(site: BuiltSite, lang: str, page: str, deep_word: str,
                                                       term: str) -> None:
    """Each section is searchable by all of its words, not only by the first ones shown in results."""
    index = site.search_index(lang)
    words = expand_index(index)
    prefix = "" if lang == "en" else f"{lang}/"
    holding = [loc for loc, found in words.items() if loc.startswith(prefix + page) and term in found]
    assert holding, f"{deep_word!r} not indexed for {prefix}{page}"
    shown = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert any(deep_word not in shown[loc].lower() for loc in holding)
    # every section's words come from that section of the built page
    soup = site.soup(lang, page)
    section_text = soup.find(id=holding[0].partition("#")[2]).find_parent("article").get_text(" ").lower()
    assert deep_word in section_text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_index_has_no_duplicated_sections_nor_markup(site: BuiltSite, lang: str) -> None:
    index = site.search_index(lang)
    locations = [doc["location"] for doc in index["docs"]]
    assert len(locations) == len(set(locations))
    assert not any(re.search(r"</?(p|code|li|ul|ol|pre|a|span|strong|em|sup|sub)\b", doc["text"] + doc["title"]) for doc in index["docs"])
    assert not any("  " in doc["text"] for doc in index["docs"])


# --- search in the browser -----------------------------------------------------------------------

def search(page, base: str, path: str, query: str) -> list[str]:
    """Open path, type query into the search box, and return the result links (path#fragment)."""
    page.goto(base + path)
    page.locator(".ca-search .md-search__input").click()
    return search_again(page, query)


def search_again(page, query: str) -> list[str]:
    """Type another query into the open search box; wait until the earlier results are replaced."""
    page.eval_on_selector_all("#ca-search-results li", "items => items.forEach(li => li.dataset.earlier = '1')")
    page.locator(".ca-search .md-search__input").fill(query)
    page.wait_for_function("!document.querySelector('#ca-search-results li[data-earlier]') && "
                           "(document.querySelectorAll('#ca-search-results li').length > 0 || "
                           "/Совпадений не найдено|No matching/.test(document.querySelector('#ca-search-meta').textContent))")
    return page.eval_on_selector_all("#ca-search-results li a", "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)")


PREFIX = {"en": "", "ru": "ru/"}
TERM_PAGES = {"en": [("notification", "/guide/notification/"), ("glossary", "/glossary/"),
                     ("prevention", "/guide/prevention/")],
              "ru": [("уведомление", "/ru/guide/notification/"), ("глоссарий", "/ru/glossary/"),
                     ("предотвращение", "/ru/guide/prevention/")]}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_about_a_term_comes_first(served_site: str, page, lang: str) -> None:
    page.goto(served_site + PREFIX[lang] + "guide/scope/")
    page.locator(".ca-search .md-search__input").click()
    for query, expected in TERM_PAGES[lang]:
        results = search_again(page, query)
        assert results[0] == expected, (query, results[:5])
        # "Related" lists that link to the page mention the term too; they come after the page's
        # sections whose heading names it
        related = [i for i, r in enumerate(results) if r.endswith("#related")]
        assert related and min(related) > 2, (query, results[:5])


@pytest.mark.browser
@pytest.mark.parametrize("path, query, word", [("guide/scope/", "convention", "matching documents"),
                                               ("ru/guide/scope/", "конвенция", "Найдено совпадений")])
def test_result_count_is_the_number_of_results(served_site: str, page, path: str, query: str, word: str) -> None:
    results = search(page, served_site, path, query)
    meta = page.locator("#ca-search-meta").text_content()
    assert word in meta
    assert int(re.search(r"\d+", meta).group()) == len(results) > 20   # more than one screenful: not capped


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_closed_search_results_are_not_a_tab_stop(served_site: str, page, lang: str) -> None:
    page.goto(served_site + ("" if lang == "en" else f"{lang}/") + "guide/prevention/")
    output = page.locator(".ca-search .md-search__output")
    assert output.evaluate("el => el.inert")
    focused = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.className + ' ' + (document.activeElement.getAttribute('aria-label') || '')"))
        if "md-search__input" in focused[-1]:
            break
    assert not any("md-search__scrollwrap" in f for f in focused)
    # opened, the results can be reached (and scrolled) from the keyboard
    assert "md-search__input" in focused[-1]
    assert not output.evaluate("el => el.inert")
    page.keyboard.press("Escape")
    assert output.evaluate("el => el.inert")


def built_words(site: BuiltSite, lang: str) -> list[str]:
    """Every distinct word (as lunr's tokenizer cuts it) of the built pages of one language."""
    words: dict[str, None] = {}
    for path in site.pages(lang):
        article = site.soup(lang, path).find("article")
        if article:
            words.update(dict.fromkeys(tokens(article.get_text(" "))))
    return list(words)


LUNR_SCRIPTS = {"en": ["assets/vendor/lunr.min.js"],
                "ru": ["assets/vendor/lunr.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                       "assets/javascripts/lunr/min/lunr.ru.min.js"]}
LUNR_PIPELINE = {"en": "[lunr.trimmer, lunr.stopWordFilter, lunr.stemmer]",
                 "ru": "[lunr.ru.trimmer, lunr.ru.stopWordFilter, lunr.ru.stemmer]"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_build_time_terms_are_lunrs_own(site: BuiltSite, served_site: str, page, lang: str) -> None:
    """guidekit.stemmers gives, for every word of the site, the term lunr itself makes of it."""
    scripts = {src: (site.root / src).read_text(encoding="utf-8") for src in LUNR_SCRIPTS[lang]}
    if lang == "en":
        pipeline = Pipeline(english_trimmer, lunr_stop_words(scripts[LUNR_SCRIPTS["en"][0]]), porter)
    else:
        ru = scripts[LUNR_SCRIPTS["ru"][2]]
        pipeline = Pipeline(trimmer_for(lunr_word_characters(ru)), lunr_stop_words(ru), snowball_russian)
    words = built_words(site, lang)
    assert len(words) > 2000
    page.goto(served_site + "guide/")
    for src in LUNR_SCRIPTS[lang]:
        page.add_script_tag(url=served_site + src)
    in_browser = page.evaluate(f"""words => {{
        const pipeline = new lunr.Pipeline();
        {LUNR_PIPELINE[lang]}.forEach(fn => pipeline.add(fn));
        return words.map(w => pipeline.runString(w)[0] || null);
    }}""", words)
    differing = [(w, b, pipeline(w)) for w, b in zip(words, in_browser, strict=True) if b != pipeline(w)]
    assert differing == []


# --- Material's stylesheet, trimmed at build time -------------------------------------------------

def test_trim_stylesheet_keeps_what_can_apply() -> None:
    from guidekit.css import trim_stylesheet

    css = ('@charset "UTF-8";:root{--used:1;--unused:url("data:image/svg+xml;charset=utf-8,<svg a=\'{;}\'/>");--chain:2}'
           '@font-face{font-family:x}.a,.gone{color:red;margin:var(--used)}.gone .a{color:blue}'
           '.a:not(.gone){top:0}kbd{x:1}.a kbd{y:2}@media screen{.gone{x:1}}@media print{.a>p{z:var(--chain)}}'
           '#__drawer:checked~.a{left:0}[data-x=".gone"]{q:1}/*# sourceMappingURL=main.css.map*/')
    names = {".a", "#__drawer", "p"}
    assert trim_stylesheet(css, names) == (
        '@charset "UTF-8";:root{--used:1;--chain:2}@font-face{font-family:x}.a{color:red;margin:var(--used)}'
        '.a:not(.gone){top:0}@media print{.a>p{z:var(--chain)}}#__drawer:checked~.a{left:0}[data-x=".gone"]{q:1}')


def test_material_stylesheet_is_trimmed(site: BuiltSite) -> None:
    import material

    from pathlib import Path

    sheet = next((site.root / "assets" / "stylesheets").glob("main.*.min.css"))
    original = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / sheet.name
    assert len(gzip.compress(sheet.read_bytes(), 9)) < 0.6 * len(gzip.compress(original.read_bytes(), 9))


SETTLED = """async () => {
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  await Promise.all(document.getAnimations().map(animation => animation.finished.catch(() => null)));
}"""
SWAP_SHEET = """async ([from, to]) => {
  const links = [...document.querySelectorAll("link[rel=stylesheet]")].filter(link => link.href.endsWith("/" + from));
  await Promise.all(links.map(link => new Promise((loaded, failed) => {
    link.addEventListener("load", loaded, {once: true});
    link.addEventListener("error", () => failed(new Error("could not load " + to)), {once: true});
    link.href = new URL(to, link.href).href;
  })));
  return links.length;
}"""
STYLE_PROBE = """() => {
  const props = ["display", "position", "color", "background-color", "font-size", "font-weight", "margin-top",
                 "margin-left", "padding-top", "padding-left", "border-top-width", "border-left-color", "width",
                 "height", "visibility", "opacity", "text-decoration-line", "outline-style", "overflow-x",
                 "mask-image", "-webkit-mask-image", "content", "transform"];
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);   // live: one object per element, not one per property
    out.push(props.map(p => style.getPropertyValue(p)).join("|"));
    for (const pseudo of ["::before", "::after"]) {   // a pseudo-element without content is not drawn
      const style = getComputedStyle(el, pseudo), content = style.getPropertyValue("content");
      out.push(content === "none" || content === "normal" ? content : props.map(p => style.getPropertyValue(p)).join("|"));
    }
  }
  return out;
}"""


@pytest.mark.browser
# One page of each template and kind of content (the English chapter has the Russian one's components).
@pytest.mark.parametrize("path", ["ru/guide/prevention/", "notification/", "ru/countries/", "glossary/",
                                  "ru/self-assessment/", "ru/404.html"])
def test_trimmed_stylesheet_renders_like_materials(site: BuiltSite, served_site: str, browser, path: str) -> None:
    """Every element (and its ::before/::after, and those Material's bundle adds) has the same
    computed style with the trimmed stylesheet as with Material's own, at phone and desktop widths.
    One load: the styles are read with the trimmed sheet, then the page's link is pointed at
    Material's own file (served next to it by a route) and they are read again, on the same DOM."""
    import material

    from pathlib import Path

    sheet = next((site.root / "assets" / "stylesheets").glob("main.*.min.css"))
    original = (Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / sheet.name).read_bytes()
    snapshots: dict[tuple[str, int], list[str]] = {}
    context = browser.new_context(viewport={"width": 360, "height": 900})
    try:
        tab = context.new_page()
        tab.route("**/assets/stylesheets/material-own.css",
                  lambda route: route.fulfill(body=original, content_type="text/css"))
        tab.goto(served_site + path)
        settle(tab)
        # Material's bundle loads on the first interaction (theme-init.js): start it, so that the
        # elements it adds are compared too.
        tab.evaluate("window.dispatchEvent(new Event('pointermove'))")
        settle(tab)
        for sheet_kind, widths in (("trimmed", (360, 1280)), ("material", (1280, 360))):
            if sheet_kind == "material":
                assert tab.evaluate(SWAP_SHEET, [sheet.name, "material-own.css"]) == 1
            for width in widths:
                tab.set_viewport_size({"width": width, "height": 900})
                tab.evaluate(SETTLED)   # transitions the resize started have ended
                snapshots[sheet_kind, width] = tab.evaluate(STYLE_PROBE)
    finally:
        context.close()
    for width in (360, 1280):
        trimmed, full = snapshots["trimmed", width], snapshots["material", width]
        assert len(trimmed) == len(full), width
        differing = [i for i, (a, b) in enumerate(zip(trimmed, full)) if a != b]
        assert differing == [], (width, [(trimmed[i], full[i]) for i in differing[:3]])


# --- header title, focus, titles ------------------------------------------------------------------

SHORT_TITLES = {"en": "Industrial Accidents Guide", "ru": "Руководство по промышленным авариям"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_shows_the_whole_short_title(served_site: str, browser, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    tab = context.new_page()
    try:
        for path in ("", "guide/prevention/"):
            tab.goto(served_site + PREFIX[lang] + path)
            for width in (360, 1280):
                tab.set_viewport_size({"width": width, "height": 800})
                title = tab.locator(".md-header__topic.ca-header-title .md-ellipsis")
                assert title.inner_text().strip() == SHORT_TITLES[lang]
                assert title.is_visible()
                fits = title.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")
                assert fits, (lang, width, path)
                # centred in the bar, on one line or two (two lines once sat at its top edge)
                off = title.evaluate("""e => { const t = e.getBoundingClientRect(), h = e.closest('header').getBoundingClientRect();
                    return Math.abs((t.top + t.bottom) / 2 - (h.top + h.bottom) / 2); }""")
                assert off <= 2, (lang, width, path, off)
    finally:
        context.close()


@pytest.fixture
def phone(browser):
    """A tab in a 360 px touch phone (the narrowest screen the guide is checked on)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(served_site: str, phone, lang: str) -> None:
    """At 360 px only a wide table scrolls (inside its own box), never the page: the one-page Guide holds
    every chapter, profile, case, the glossary and the blank self-assessment checklist."""
    for path in ("", "guide/print/", "self-assessment/", "notification/", "countries/", "cases/"):
        phone.goto(served_site + PREFIX[lang] + path)
        width = phone.evaluate("document.scrollingElement.scrollWidth")
        assert width <= 360, (lang, path, width)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_country_facts_fit_a_phone_screen(site: BuiltSite, served_site: str, phone, lang: str) -> None:
    """On a 360 px phone each profile's table of facts, sources and dates included, needs no sideways
    scroll (a third column for the source once pushed it to 520 px in Russian, hiding every source)."""
    profiles = sorted(p.parent.name for p in site.root.glob("countries/*/index.html"))
    assert len(profiles) == 5, profiles
    for country in profiles:
        phone.goto(served_site + PREFIX[lang] + f"countries/{country}/")
        table = phone.locator(".ca-profile table")
        sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth, t.getBoundingClientRect().right]")
        assert sizes[0] <= sizes[1] and sizes[2] <= 360, (lang, country, sizes)
        source = table.locator("tr[data-fact=convention_status] .ca-provenance")
        assert source.is_visible() and source.bounding_box()["x"] + source.bounding_box()["width"] <= 360


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_keyboard_focus_is_visible_on_language_menu_and_search(served_site: str, page, lang: str) -> None:
    page.goto(served_site + PREFIX[lang] + "guide/scope/")
    seen = {}
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        for kind in ("md-select__link", "md-search__input"):
            if kind in info[0]:
                seen.setdefault(kind, info)
        if len(seen) == 2:
            break
    assert set(seen) == {"md-select__link", "md-search__input"}
    for kind, (_, style, width) in seen.items():
        assert style != "none" and width >= 2, (kind, style, width)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_titles_are_consistent(site: BuiltSite, lang: str) -> None:
    site_name = site.soup(lang, "").select_one('meta[property="og:site_name"]')["content"]
    assert site.soup(lang, "").title.string.strip() == site_name            # home: the site name alone
    chapter = site.soup(lang, "guide/prevention/")
    assert chapter.title.string.strip() == f"{chapter.h1.get_text(strip=True).rstrip('¶')} - {site_name}"
    not_found = BeautifulSoup((site.root / PREFIX[lang] / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert not_found.title.string.strip() == f"{not_found.h1.get_text(strip=True)} - {site_name}"


# --- our own markup: what the Nu HTML Checker and axe reported -----------------------------------------

def all_pages(site: BuiltSite, lang: str) -> list[BeautifulSoup]:
    return [site.soup(lang, path) for path in site.pages(lang)] + [
        BeautifulSoup((site.root / PREFIX[lang] / "404.html").read_text(encoding="utf-8"), "html.parser")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_labels_have_their_controls_and_no_redundant_aria(site: BuiltSite, lang: str) -> None:
    for soup in all_pages(site, lang):
        elements = soup.find_all(True)   # one walk over the page (CSS selectors walk it once each)
        all_ids = [e["id"] for e in elements if e.has_attr("id")]
        ids = set(all_ids)
        where = soup.find("link", rel="canonical")
        assert sorted(i for i in ids if all_ids.count(i) > 1) == [], where
        assert [e["for"] for e in elements if e.name == "label" and e.has_attr("for") and e["for"] not in ids] == [], where
        assert [e for e in elements if e.has_attr("required") and e.has_attr("aria-required")] == [], where
        assert [e for e in elements if e.name == "svg" and e.get("role") == "group"] == [], where
        assert [e for e in elements if e.get("tabindex") == ""] == [], where
        assert [e for e in elements if e.name == "div" and not e.get("role")
                and (e.has_attr("aria-label") or e.has_attr("aria-labelledby"))] == [], where
        assert [e for e in elements if e.name == "th" and e.find_parent("thead") and not e.get_text(strip=True)] == [], where


def test_the_form_still_marks_required_fields(site: BuiltSite) -> None:
    assert site.soup("en", "notification/").select("form [required]")


# --- 404 pages: preview server and offline copy ---------------------------------------------------

def test_dev_server_answers_with_the_language_404(tmp_path) -> None:
    import not_found_pages

    (tmp_path / "ru").mkdir()
    (tmp_path / "404.html").write_bytes(b"en")
    (tmp_path / "ru" / "404.html").write_bytes("ru".encode())

    class FakeServer:
        root = str(tmp_path)
        error_handler = staticmethod(lambda code: b"fallback")

        def serve_request(self, environ, start_response):
            return None

        def set_app(self, app):
            self.app = app

    class FakeI18n:
        class config:  # noqa: N801 - mimics the plugin's config
            languages = [type("L", (), {"locale": "en", "build": True, "default": True}),
                         type("L", (), {"locale": "ru", "build": True, "default": False})]

    server = FakeServer()
    config = type("C", (), {"plugins": {"i18n": FakeI18n}})()
    not_found_pages.on_serve(server, config, None)
    answers = {}
    for path in ("/ru/no-such/", "/no-such/", "/russian/", "/ru"):
        server.app({"PATH_INFO": path}, None)
        answers[path] = server.error_handler(404)
    assert answers == {"/ru/no-such/": b"ru", "/no-such/": b"en", "/russian/": b"en", "/ru": b"ru"}
    assert server.error_handler(500) == b"fallback"


@pytest.mark.slow
@pytest.mark.xdist_group("offline")   # shares offline_site with test_reader's PDF test
def test_offline_copy_404_pages_use_relative_links(offline_site) -> None:
    for page, up in (("404.html", "."), ("ru/404.html", "..")):
        soup = BeautifulSoup((offline_site / page).read_text(encoding="utf-8"), "html.parser")
        refs = [e.get("href") or e.get("src") for e in soup.select("link[href], script[src], a[href]")]
        assert refs and not [r for r in refs if r.startswith("/")], page
        sheet = soup.select_one("link[rel=stylesheet]")["href"]
        assert sheet.startswith(up + "/assets/") and (offline_site / page).parent.joinpath(sheet).resolve().is_file()
        assert [a["href"] for a in soup.select("article a")] == [f"{up}/{'ru/' if up == '..' else ''}index.html",
                                                              f"{up}/{'ru/' if up == '..' else ''}guide/index.html"]
