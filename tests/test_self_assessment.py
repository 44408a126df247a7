"""Self-assessment and action plan (issue 12): the rules, the built pages in both languages, and the
tool in a real browser (Debian's chromium)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import PROJECT, BuiltSite, axe_problems, data_error, settle
from guidekit.benchmarks import (
    AreaProgress, article_label, authority_choices, chapter_headings, draft_action_plan, headings_of, is_met, progress,
)
from guidekit.loader import load_guide_data
from guidekit.model import BenchmarkArea, Benchmarks, Indicator, Level, Localized, Source, WorkingArea

DATA = load_guide_data(PROJECT / "data", PROJECT)
BENCH = DATA.benchmarks
PAGE = "self-assessment/"
PREFIX = {"en": "", "ru": "ru/"}


def _indicator(id_: str, area: str) -> Indicator:
    return Indicator(id=id_, area=area, text=Localized(id_, id_), articles=("4",), chapter="guide/x.md",
                     anchor=None, source="s")


def _bench() -> Benchmarks:
    """Two areas, three indicators, scale 0–3."""
    area = lambda key: WorkingArea(key, Localized(key, key), f"guide/{key}.md")  # noqa: E731
    return Benchmarks(
        document=Source("s", Localized("S", "S"), None, "2010"),
        scale=tuple(Level(n, Localized(str(n), str(n))) for n in range(4)),
        areas=(BenchmarkArea(area("a"), (_indicator("a-1", "a"), _indicator("a-2", "a"))),
               BenchmarkArea(area("b"), (_indicator("b-1", "b"),))),
    )


# --- the rules ---------------------------------------------------------------------------------------

def test_only_the_highest_level_is_met() -> None:
    bench = _bench()
    assert [is_met(level, bench) for level in range(4)] == [False, False, False, True]


def test_action_plan_has_one_row_per_assessed_gap_in_benchmark_order() -> None:
    rows = draft_action_plan(_bench(), {"b-1": 0, "a-2": 2, "a-1": 3, "retired-9": 1})
    assert [(r.indicator.id, r.level, r.number) for r in rows] == [("a-2", 2, "1.2"), ("b-1", 0, "2.1")]
    assert draft_action_plan(_bench(), {}) == []            # nothing assessed: no row


def test_a_level_off_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="not on the scale"):
        draft_action_plan(_bench(), {"a-1": 4})
    with pytest.raises(ValueError):
        progress(_bench(), {"a-1": -1})


def test_progress_counts_levels_and_rounds_the_score_like_the_script() -> None:
    a, b = progress(_bench(), {"a-1": 3, "a-2": 0})
    assert (a.met, a.partly, a.absent, a.not_assessed, a.score, a.max_score) == (1, 0, 1, 0, 3, 6)
    assert a.percent == 50 and b.not_assessed == 1 and b.percent == 0
    # 12.5 % rounds up, as Math.round does (Python's round() would give 12)
    assert AreaProgress("x", Localized("x", "x"), 8, 0, 1, 0, 7, 1, 24).percent == 4
    assert AreaProgress("x", Localized("x", "x"), 8, 0, 1, 0, 7, 3, 24).percent == 13


def test_real_data_is_complete_in_the_order_of_the_working_areas() -> None:
    assert [a.area.id for a in BENCH.areas] == [w.id for w in DATA.working_areas]
    ids = [i.id for i in BENCH.indicators]
    assert len(ids) == len(set(ids)) and all(a.indicators for a in BENCH.areas)
    assert [s.level for s in BENCH.scale] == list(range(len(BENCH.scale)))
    assert DATA.benchmark_headings is None or all(DATA.benchmark_headings)


def test_authority_choices_list_each_body_once_and_propose_only_confirmed_roles() -> None:
    for country in DATA.countries.values():
        choices = authority_choices(country)
        authorities = [a.name for a in country.facts["authorities"].value]
        assert list(choices.names[:len(authorities)]) == authorities
        assert len(set(choices.names)) == len(choices.names)
        assert {a.name for a in country.agencies.values()} <= set(choices.names)
        for area, index in choices.defaults.items():
            bodies = country.bodies[area]
            assert not bodies.cite.unconfirmed and choices.names[index] == bodies.agencies[0].name
        for area, bodies in country.bodies.items():
            if bodies.cite.unconfirmed:
                assert area not in choices.defaults


def test_article_labels_in_both_languages() -> None:
    assert [article_label(a, "ru") for a in ("4", "6(2)", "Annex I")] == ["статья 4", "статья 6(2)", "приложение I"]
    assert [article_label(a, "en") for a in ("4", "Annex I")] == ["Article 4", "Annex I"]


def test_heading_ids_are_read_from_markdown() -> None:
    text = "# Title {#top}\n\n## Step 1. *Make* a list {#step-1}\n\n### No id\n\n## Other {: #other .cls}\n"
    assert headings_of(text) == {"top": "Title", "step-1": "Step 1. Make a list", "other": "Other"}


def test_an_anchor_missing_in_one_language_is_reported(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "x.md").write_text("# X {#x}\n\n## Step {#step}\n", encoding="utf-8")
    (tmp_path / "guide" / "x.ru.md").write_text("# Икс {#x}\n\n## Шаг {#other}\n", encoding="utf-8")
    bench = _bench()
    bad = Indicator(**{**_indicator("a-1", "a").__dict__, "anchor": "step"})
    bench = Benchmarks(bench.document, bench.scale, (BenchmarkArea(bench.areas[0].area, (bad,)),))
    found, errors = chapter_headings(bench, tmp_path)
    assert found == {} and len(errors) == 1
    assert "heading #step not found on the Russian page" in str(errors[0])
    assert "Fix: use a heading id that both pages have: x" in str(errors[0])


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("  - area: notification\n", "  - area: prevention\n", "working area 'prevention' where 'notification' was expected"),
    ("      - id: identification-2\n", "      - id: identification-1\n", "duplicate indicator id 'identification-1'"),
    ("  - level: 1\n", "  - level: 2\n", "level 2 where 1 was expected"),
    ("benchmarks-2010, paragraph", "no-such-source, paragraph", "unknown source 'no-such-source'"),
])
def test_bad_benchmarks_data_fails_with_file_line_and_fix(tmp_path: Path, old: str, new: str, expected: str) -> None:
    message = data_error(tmp_path, "benchmarks.yml", old, new)
    assert expected in message and "data/benchmarks.yml:" in message and "Fix:" in message


# --- the built pages -------------------------------------------------------------------------------

def _indicator_ids(site: BuiltSite, lang: str) -> list[str]:
    return [f["data-indicator"] for f in site.soup(lang, PAGE).select("fieldset.ca-sa-indicator")]


def test_every_indicator_is_rendered_in_both_languages_with_the_same_ids(site: BuiltSite) -> None:
    expected = [i.id for i in BENCH.indicators]
    assert _indicator_ids(site, "en") == expected
    assert _indicator_ids(site, "ru") == expected
    for lang in ("en", "ru"):
        soup = site.soup(lang, PAGE)
        for indicator in BENCH.indicators:
            box = soup.select_one(f"#sa-{indicator.id}")
            assert indicator.text.in_(lang) in box.legend.get_text(" ", strip=True)
            radios = box.select(f"input[type=radio][name=sa-level-{indicator.id}]")
            assert [r["value"] for r in radios] == [str(s.level) for s in BENCH.scale]
            assert all(r.find_parent("label") for r in radios)          # each level is labelled
            notes = box.select_one("textarea")
            assert soup.select_one(f"label[for={notes['id']}]") is not None
        areas = [h["id"] for h in soup.select("article h2") if h.get("id") in {w.id for w in DATA.working_areas}]
        assert areas == [w.id for w in DATA.working_areas]


def test_each_indicator_links_to_an_existing_heading_in_the_same_language(site: BuiltSite) -> None:
    for lang in ("en", "ru"):
        base = f"http://x/{PREFIX[lang]}{PAGE}"
        for link in site.soup(lang, PAGE).select(".ca-sa-meta a"):
            target = urlparse(urljoin(base, link["href"]))
            page = target.path.removeprefix("/" + PREFIX[lang])
            assert page.startswith("guide/") and target.fragment, link
            heading = site.soup(lang, page).find(id=target.fragment)
            assert heading is not None, (lang, link["href"])
            assert heading.get_text(strip=True).rstrip("¶") in link.get_text()


def test_the_page_embeds_its_data_as_json_and_loads_its_script_as_a_file(site: BuiltSite) -> None:
    for lang in ("en", "ru"):
        soup = site.soup(lang, PAGE)
        payload = json.loads(soup.select_one("script#sa-data[type='application/json']").string)
        assert payload["lang"] == lang and payload["max"] == BENCH.max_level
        assert set(payload["countries"]) == set(DATA.countries)
        kg = authority_choices(DATA.countries["KG"])
        assert payload["countries"]["KG"]["authorities"] == [n.in_(lang) for n in kg.names]
        assert payload["countries"]["KG"]["defaults"] == dict(kg.defaults)
        ours = [s for s in soup.select("article script") if s.get("type") != "application/json"]
        assert ours and all(s.get("src") and not (s.string or "").strip() for s in ours)
        assert site.path(lang, PAGE).parent.joinpath(ours[0]["src"]).resolve().is_file()


def test_without_javascript_the_page_is_a_checklist_with_a_blank_plan(site: BuiltSite) -> None:
    for lang in ("en", "ru"):
        soup = site.soup(lang, PAGE)
        assert soup.select_one("#sa-plan-blank table tbody tr")
        assert all(n.has_attr("hidden") for n in soup.select(".ca-js-only"))
        summary = soup.select_one("#sa-summary")
        assert summary["aria-live"] == "polite" and summary.select_one("svg#sa-chart[role=img][aria-label]")
        rows = summary.select("#sa-summary-table tbody tr")
        assert [r["data-area"] for r in rows] == [a.area.id for a in BENCH.areas]
        assert [int(r.select_one("[data-col=total]").get_text()) for r in rows] == [len(a.indicators) for a in BENCH.areas]


def test_links_to_the_tool_from_home_guide_chapters_profiles_and_print(site: BuiltSite) -> None:
    for lang in ("en", "ru"):
        for page in ("", "guide/"):
            assert any(a["href"].rstrip("/").endswith("self-assessment") for a in site.soup(lang, page).select("article a")), page
        for area in BENCH.areas:
            chapter = area.area.chapter.removesuffix(".md") + "/"
            links = [a["href"] for a in site.soup(lang, chapter).select(".ca-sa-link a")]
            assert links == [f"../../self-assessment/#{area.area.id}"], (lang, chapter)
        for code, country in DATA.countries.items():
            page = country.page.removesuffix(".md") + "/"
            hrefs = [a["href"] for a in site.soup(lang, page).select(".ca-sa-profile-link a")]
            assert hrefs == [f"../../self-assessment/?country={code}"]
        checklist = site.soup(lang, "guide/print/").select("#sa-checklist tr[data-indicator]")
        assert [r["data-indicator"] for r in checklist] == [i.id for i in BENCH.indicators]


# --- in the browser --------------------------------------------------------------------------------

LEVELS = {"identification-1": 1, "identification-2": 3, "prevention-1": 0, "public-1": 2}


def open_tool(page, base: str, lang: str, query: str = "") -> None:
    page.goto(f"{base}{PREFIX[lang]}{PAGE}{query}")
    page.wait_for_selector("[data-sa-action=print]", state="visible")


def fill(page) -> None:
    page.select_option("#sa-country", "KG")
    for id_, level in LEVELS.items():
        page.check(f"input[name=sa-level-{id_}][value='{level}']")
    page.fill("#sa-identification-1-notes", "Закон «О промышленной безопасности»")


def plan_ids(page) -> list[str]:
    return page.eval_on_selector_all("[data-plan]", "rows => rows.map(r => r.dataset.plan)")


def summary(page) -> list[list[int]]:
    return page.eval_on_selector_all(
        "#sa-summary-table tbody tr",
        "rows => rows.map(r => ['met','partly','absent','not_assessed','score'].map(c => +r.querySelector(`[data-col=${c}]`).textContent))")


@pytest.mark.browser
def test_fill_reload_and_switch_language_keep_the_draft(served_site: str, page) -> None:
    open_tool(page, served_site, "ru")
    fill(page)
    assert plan_ids(page) == [r.indicator.id for r in draft_action_plan(BENCH, LEVELS)]
    expected = [[p.met, p.partly, p.absent, p.not_assessed, p.percent] for p in progress(BENCH, LEVELS)]
    assert summary(page) == expected
    assert page.locator("#sa-chart g[data-area]").count() == len(BENCH.areas)
    assert page.text_content("#sa-chart g[data-area=prevention] [data-value]") == f"{expected[2][4]}\u00a0%"
    bar = page.get_attribute("#sa-chart g[data-area=identification] [data-kind=met]", "width")
    assert float(bar) == pytest.approx(300 / len(BENCH.areas[0].indicators), abs=0.01)
    page.fill("[data-plan=identification-1] input[list]", "Министерство чрезвычайных ситуаций Кыргызской Республики")
    page.fill("[data-plan=identification-1] input[type=date]", "2027-06-30")

    page.reload()
    page.wait_for_selector("[data-sa-action=print]", state="visible")
    assert page.input_value("#sa-country") == "KG"
    assert page.is_checked("input[name=sa-level-prevention-1][value='0']")
    assert "Восстановлены сохранённые ответы: Кыргызстан." in page.inner_text("#sa-status")

    open_tool(page, served_site, "en")            # the same draft, in English
    assert page.input_value("#sa-country") == "KG"
    assert all(page.is_checked(f"input[name=sa-level-{i}][value='{v}']") for i, v in LEVELS.items())
    assert page.input_value("#sa-identification-1-notes") == "Закон «О промышленной безопасности»"
    assert summary(page) == expected and plan_ids(page) == [r.indicator.id for r in draft_action_plan(BENCH, LEVELS)]
    # the authority was chosen from the list: it is shown under its English name now
    english = DATA.countries["KG"].facts["authorities"].value[0].name.en
    assert page.input_value("[data-plan=identification-1] input[list]") == english
    assert page.input_value("[data-plan=identification-1] input[type=date]") == "2027-06-30"
    assert page.input_value("[data-plan=identification-1] textarea").startswith("Reach “")
    kg = authority_choices(DATA.countries["KG"])
    if "prevention" in kg.defaults:   # proposed from the profile, in the page's language
        assert page.input_value("[data-plan=prevention-1] input[list]") == kg.names[kg.defaults["prevention"]].en

    page.select_option("#sa-country", "TJ")        # another country: its own (empty) draft
    assert plan_ids(page) == [] and not page.is_checked("input[name=sa-level-prevention-1][value='0']")
    page.select_option("#sa-country", "KG")
    assert page.is_checked("input[name=sa-level-prevention-1][value='0']")


@pytest.mark.browser
def test_export_import_and_a_bad_file_changes_nothing(served_site: str, page, tmp_path: Path) -> None:
    open_tool(page, served_site, "ru")
    fill(page)
    with page.expect_download() as download:
        page.click("[data-sa-action=export]")
    exported = tmp_path / "draft.json"
    download.value.save_as(exported)
    doc = json.loads(exported.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"], doc["country"]) == ("ca-guide-self-assessment", 1, "KG")
    assert {k: v["level"] for k, v in doc["indicators"].items()} == LEVELS

    # another machine, in English: nothing stored; the import brings the whole draft back
    page.evaluate("localStorage.clear()")
    open_tool(page, served_site, "en")
    assert page.input_value("#sa-country") == "" and plan_ids(page) == []
    page.set_input_files("#sa-import", str(exported))
    page.wait_for_function("document.querySelector('#sa-status').textContent.includes('File imported')")
    assert page.input_value("#sa-country") == "KG"
    assert plan_ids(page) == [r.indicator.id for r in draft_action_plan(BENCH, LEVELS)]

    stored = page.evaluate("JSON.stringify(localStorage)")
    cases = [
        ("notjson.json", "{not json", "could not be read as JSON"),
        ("foreign.json", '{"format": "ca-guide-notification", "version": 1, "fields": {}}', "not a self-assessment"),
        ("newer.json", json.dumps({**doc, "version": 2}), "newer version"),
        ("bad-level.json", json.dumps({**doc, "indicators": {"identification-1": {"level": 7}}}),
         "invalid data (indicators.identification-1.level)"),
        ("bad-country.json", json.dumps({**doc, "country": "XX"}), "invalid data (country)"),
    ]
    for name, text, message in cases:
        bad = tmp_path / name
        bad.write_text(text, encoding="utf-8")
        page.evaluate("document.querySelector('#sa-status').textContent = ''")
        page.set_input_files("#sa-import", str(bad))
        page.wait_for_function("document.querySelector('#sa-status').textContent !== ''")
        status = page.inner_text("#sa-status")
        assert message in status and "Nothing has been changed" in status, name
        assert page.evaluate("JSON.stringify(localStorage)") == stored, name
        assert page.is_checked("input[name=sa-level-identification-1][value='1']")

    open_tool(page, served_site, "ru")           # the message is in the page's language
    bad = tmp_path / "foreign.json"
    page.set_input_files("#sa-import", str(bad))
    page.wait_for_function("document.querySelector('#sa-status').textContent.includes('Ничего не изменено')")
    assert "не является самостоятельной оценкой" in page.inner_text("#sa-status")


@pytest.mark.browser
def test_action_plan_csv_keeps_cyrillic_for_excel(served_site: str, page, tmp_path: Path) -> None:
    open_tool(page, served_site, "ru")
    fill(page)
    authority = DATA.countries["KG"].facts["authorities"].value[0].name.ru
    page.fill("[data-plan=prevention-1] input[list]", authority)
    page.fill("[data-plan=prevention-1] textarea", "=Разработать порядок; согласовать \"проект\"")
    with page.expect_download() as download:
        page.click("[data-sa-action=csv]")
    path = tmp_path / "plan.csv"
    download.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                       # UTF-8 byte-order mark for Excel
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:3] == ['"№"', '"Область работы"', '"Показатель"']
    assert len([line for line in lines[1:] if line]) == len(draft_action_plan(BENCH, LEVELS))
    row = next(line for line in lines if "Разработать" in line)
    assert f'"{authority}"' in row
    assert '"\'=Разработать порядок; согласовать ""проект"""' in row   # quoted, and never a formula


@pytest.mark.browser
def test_print_shows_country_and_date_and_hides_the_controls(served_site: str, page) -> None:
    open_tool(page, served_site, "ru")
    fill(page)
    page.emulate_media(media="print")
    header = page.locator("#sa-print-header")
    assert header.is_visible()
    assert "Кыргызстан" in header.inner_text() and "г." in header.inner_text()
    assert page.evaluate("document.querySelector('article').firstElementChild.id") == "sa-print-header"
    for chrome in (".ca-sa-toolbar", "#sa-status", ".md-header", ".md-sidebar--primary", "#sa-country", ".md-footer"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.locator("#sa-identification-1").is_visible() and page.locator("#sa-summary-table").is_visible()
    page.emulate_media(media="screen")
    assert header.is_hidden()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_phone_width_keyboard_and_accessibility(browser, served_site: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        open_tool(tab, served_site, lang)
        # keyboard only: choose the country, then tab to the first indicator and pick a level with arrows
        tab.focus("#sa-country")
        tab.keyboard.press("ArrowDown")
        assert tab.input_value("#sa-country") != ""
        for _ in range(60):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.name") == "sa-level-identification-1":
                break
        else:
            pytest.fail("the first indicator's levels cannot be reached with Tab")
        tab.keyboard.press("ArrowRight")
        checked = tab.evaluate("document.querySelector('input[name=sa-level-identification-1]:checked').value")
        assert checked == "1" and plan_ids(tab) == ["identification-1"]
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.id") == "sa-identification-1-notes"

        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        assert axe_problems(tab) == []
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_it_reads_as_a_checklist(browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + "ru/" + PAGE)
        assert tab.locator("#sa-identification-1 input[type=radio]").first.is_visible()
        assert tab.locator("#sa-plan-blank table").is_visible()
        assert tab.locator("[data-sa-action=print]").is_hidden()
    finally:
        context.close()


@pytest.mark.browser
def test_works_from_file_urls_with_no_request_elsewhere(site: BuiltSite, page) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = site.path("ru", PAGE).as_uri()
    page.goto(url)
    page.wait_for_selector("[data-sa-action=print]", state="visible")
    fill(page)
    page.reload()
    page.wait_for_selector("[data-sa-action=print]", state="visible")
    assert page.is_checked("input[name=sa-level-public-1][value='2']")
    assert errors == [] and all(r.startswith(("file:", "data:", "blob:")) for r in requests)


@pytest.mark.browser
def test_first_view_weight(served_site: str, page, site: BuiltSite) -> None:
    """/ru/self-assessment/ first view. Issue 12's target is ≤ 90 kB gzipped in total with its own script
    ≤ 10 kB; the theme and the site-wide assets (Material, guide.css, search.js…) take about two thirds
    of that and are budgeted in bench/, so this test holds the page's own share: its HTML, CSS and
    script ≤ 25 kB (89.9 kB in total when this was written, 90.8 kB after site-wide assets grew)."""
    paths: list[str] = []
    page.on("request", lambda r: paths.append(urlparse(r.url).path))
    page.goto(served_site + "ru/" + PAGE)
    settle(page)
    sizes = {}
    for path in dict.fromkeys(paths):
        file = site.root / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        sizes[path] = len(gzip.compress(file.read_bytes(), 9))
    script = sizes["/assets/self-assessment.js"]
    own = script + sizes["/assets/self-assessment.css"] + sizes[f"/ru/{PAGE}"]
    print(f"\nfirst view of /ru/{PAGE}: {sum(sizes.values())} B gzip in {len(sizes)} files; own {own} B; "
          f"script {script} B", sizes)
    assert script <= 10_000 and own <= 25_000
