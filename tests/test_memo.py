"""What builds remember between runs (.cache/derived, guidekit.memo): a remembered result is the one
the code would derive, a changed page or a changed rule is derived afresh, a damaged memo is ignored."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import PROJECT, copy_project, run_mkdocs_build
from guidekit import memo as memo_module
from guidekit.css import trim_site_stylesheet
from guidekit.memo import Memo, digest
from guidekit.printing import Chapter, Part, parts_view
from guidekit.search import front_decode, page_docs, remembered_page_docs


def test_digest_delimits_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")


def test_memo_remembers_across_builds_and_forgets_what_builds_stop_using(tmp_path) -> None:
    calls = []

    def derive(value):
        return lambda: calls.append(value) or (value,)

    def build(*keys: str) -> list:
        memo = Memo(tmp_path, "t", "code-1")
        values = [memo.get(key, derive(key)) for key in keys]
        memo.save()
        return values

    assert build("a", "b") == [["a"], ["b"]]   # JSON values, as a remembered one would be
    assert build("a") == [["a"]]               # remembered, not derived again
    assert build("c") == [["c"]]
    assert build("d") == [["d"]]
    assert build("b") == [["b"]]               # kept: the fourth build back used it (GENERATIONS = 4)
    assert build("b") == [["b"]]               # the same build again is not a new generation…
    assert build("e") == [["e"]]               # …so the last four are e, b, d, c
    assert build("c") == [["c"]]               # remembered
    assert build("a") == [["a"]]               # used by none of the last four builds: derived again
    assert calls == ["a", "b", "c", "d", "e", "a"]
    assert Memo(tmp_path, "t", "code-2").entries == {}   # other rules: nothing remembered


def test_builds_that_alternate_rewrite_no_memo(tmp_path) -> None:
    """make preview-ru, make serve, make preview-ru…: each set of keys is written once, then reused."""
    path = tmp_path / ".cache" / "derived" / "t.json"

    def build(*keys: str) -> bool:
        """Whether the build wrote the memo file."""
        before = path.read_bytes() if path.exists() else None
        memo = Memo(tmp_path, "t", "code-1")
        for key in keys:
            memo.get(key, lambda key=key: key)
        memo.save()
        return path.read_bytes() != before

    assert build("ru") and build("en", "ru")
    assert [build("ru"), build("en", "ru"), build("ru"), build("en", "ru")] == [False] * 4
    assert build("en")                      # a new set: a new generation…
    assert not build("ru")                  # …after which the alternating sets are still kept
    assert build("x")                       # now "ru" is the oldest of the four kept sets:
    assert build("ru")                      # written again, so that it moves to the front
    assert Memo(tmp_path, "t", "code-1").recent == [{"ru"}, {"x"}, {"en"}, {"en", "ru"}]


@pytest.mark.parametrize("content", ["", "{not json", '{"code": "code-1", "recent": [], "entries": []}', "[1]",
                                     '{"code": "code-1", "entries": {"k": 2}}',
                                     '{"code": "code-1", "recent": ["k"], "entries": {"k": 2}}'])
def test_a_damaged_memo_is_derived_again(tmp_path, content: str) -> None:
    path = tmp_path / ".cache" / "derived" / "t.json"
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert Memo(tmp_path, "t", "code-1").get("k", lambda: 1) == 1


CSS = ".a{color:red}.b{color:blue}.md-x{color:green}"


def test_trimmed_stylesheet_follows_a_changed_page(tmp_path) -> None:
    def trimmed(page: str) -> str:
        remembered = Memo(tmp_path, "css", "code")
        result = trim_site_stylesheet(CSS, [page], [("", True)], [], remembered)
        remembered.save()
        assert result == trim_site_stylesheet(CSS, [page], [("", True)], [])   # same as without a memo
        return result

    assert trimmed('<p class="a">x</p>') == ".a{color:red}"
    assert trimmed('<p class="a">x</p>') == ".a{color:red}"          # remembered
    assert trimmed('<p class="b">x</p>') == ".b{color:blue}"         # the page changed: derived again


def test_search_sections_follow_a_changed_page(tmp_path) -> None:
    def docs(html: str) -> list:
        remembered = Memo(tmp_path, "search", "code")
        result = remembered_page_docs("guide/a/", "A", html, remembered)
        remembered.save()
        assert result == page_docs("guide/a/", "A", html)
        return result

    before = docs('<h1>A</h1><p>Operators notify.</p><h2 id="x">X</h2><p>One</p>')
    assert docs('<h1>A</h1><p>Operators notify.</p><h2 id="x">X</h2><p>One</p>') == before
    after = docs('<h1>A</h1><p>Operators notify.</p><h2 id="x">X</h2><p>Two</p>')
    assert after[1].text == "Two"


def test_print_copy_follows_a_changed_chapter(tmp_path) -> None:
    def view(html: str) -> str:
        remembered = Memo(tmp_path, "print-en", "code")
        parts = [Part("guide", (Chapter("scope", "Scope", html, "guide/scope/"),))]
        result = parts_view(parts, str.upper, remembered)
        remembered.save()
        assert result == parts_view(parts, str.upper)
        return result[0]["chapters"][0]["html"]

    assert view('<h2 id="a">A</h2>') == '<h2 id="scope--a">A</h2>'
    assert view('<h2 id="a">A</h2>') == '<h2 id="scope--a">A</h2>'
    assert view('<h2 id="b">B</h2>') == '<h2 id="scope--b">B</h2>'


def test_code_digest_reads_the_module_source() -> None:
    assert memo_module.code_digest(memo_module) == digest((PROJECT / "hooks" / "guidekit" / "memo.py").read_bytes())


@pytest.mark.slow
def test_a_rebuild_after_an_edit_shows_the_edit_everywhere(tmp_path, remembered) -> None:
    """Builds of one project copy, each with the previous one's .cache/: the edited page's new word is
    searchable, its new class keeps its CSS, the print page shows the new text, and an edited data
    value reaches a page whose Markdown did not change. The first build starts from what the
    session's build remembered (on a clean clone that build started from nothing, and
    test_nav_memo_changes_no_byte compares a remembering build with it byte for byte)."""
    project = copy_project(tmp_path / "p")
    first = run_mkdocs_build(project)
    assert first.returncode == 0, first.output
    assert (project / ".cache" / "derived" / "css.json").is_file()
    sheet = next((first.site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-typeset .grid{" not in sheet   # no page uses Material's grids
    assert (project / ".cache" / "derived" / "markers-en.json").is_file()
    page = project / "docs" / "guide" / "scope.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + '\n\nZyxwvutsword appears here.\n{: .grid }\n', encoding="utf-8")
    second = run_mkdocs_build(project)
    assert second.returncode == 0, second.output
    sheet = next((second.site_dir / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert ".md-typeset .grid{" in sheet
    script = (second.site_dir / "search" / "en.js").read_text(encoding="utf-8")
    index = json.loads(script.split('window.__caSearchIndex["en"]=', 1)[1].rstrip().rstrip(";"))
    assert "zyxwvutsword" in front_decode(index["words"])
    assert "Zyxwvutsword" in (second.site_dir / "guide" / "print" / "index.html").read_text(encoding="utf-8")
    countries = project / "data" / "countries.yml"   # data shown by a marker of an unchanged page
    text = countries.read_text(encoding="utf-8")
    assert "name: {en: Kyrgyzstan," in text
    countries.write_text(text.replace("name: {en: Kyrgyzstan,", "name: {en: Kyrgyzstanqq,", 1), encoding="utf-8")
    third = run_mkdocs_build(project)
    assert third.returncode == 0, third.output
    assert "Kyrgyzstanqq" in (third.site_dir / "countries" / "index.html").read_text(encoding="utf-8")


def _preview_build(project, env_extra: dict[str, str]):
    import os
    import subprocess
    import sys

    site_dir = project / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, encoding="utf-8", timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", "GUIDE_PREVIEW": "1",
             "GUIDE_SEARCH": "false", "BUILD_ONLY_LOCALE": "ru", **env_extra},
    )
    pages = {p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
             for p in site_dir.rglob("*.html")} if proc.returncode == 0 else {}
    return proc, pages


@pytest.mark.slow
def test_preview_converts_again_only_what_changed_and_keeps_every_warning(tmp_path, remembered) -> None:
    """make preview-ru (hooks/markdown_memo.py): a rebuild from remembered HTML is the same site as
    a fresh one; a saved page shows its edit; a page whose conversion warns is never remembered, so
    strict mode fails every rebuild until it is fixed."""
    project = copy_project(tmp_path / "p")   # with what the project's builds remembered…
    (project / ".cache" / "derived" / "markdown-ru.json").unlink(missing_ok=True)   # …but no converted page
    fresh, fresh_pages = _preview_build(project, {})
    assert fresh.returncode == 0, fresh.stderr
    assert (project / ".cache" / "derived" / "markdown-ru.json").is_file()
    again, again_pages = _preview_build(project, {})
    assert again.returncode == 0, again.stderr
    assert again_pages == fresh_pages
    page = project / "docs" / "guide" / "scope.ru.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nПроверочное предложение.\n", encoding="utf-8")
    edited, edited_pages = _preview_build(project, {})
    assert edited.returncode == 0, edited.stderr
    assert "Проверочное предложение." in edited_pages["guide/scope/index.html"]
    assert {k: v for k, v in edited_pages.items() if "scope" not in k and "translation-status" not in k} == {
        k: v for k, v in fresh_pages.items() if "scope" not in k and "translation-status" not in k}
    # MkDocs itself warns while converting (validation.absolute_links), after the guide's own checks.
    page.write_text(page.read_text(encoding="utf-8") + "\n\n[Абсолютная](/guide/scope/)\n", encoding="utf-8")
    for _ in range(2):
        broken, _pages = _preview_build(project, {})
        assert broken.returncode != 0
        assert "absolute link '/guide/scope/'" in broken.stderr


def test_markdown_memo_only_with_extensions_that_read_nothing_but_the_text() -> None:
    import markdown_memo
    from table_headers import EmptyCornerCellsExtension

    def config(*extensions):
        return type("C", (), {"markdown_extensions": list(extensions)})()

    hooks = PROJECT / "hooks"
    assert markdown_memo._text_only(config("toc", "tables", "pymdownx.superfences", EmptyCornerCellsExtension()), hooks)
    assert not markdown_memo._text_only(config("toc", "pymdownx.snippets"), hooks)   # reads other files
    from markdown.extensions.toc import TocExtension
    assert not markdown_memo._text_only(config(TocExtension()), hooks)   # an instance from elsewhere


def test_nav_memo_keys_only_sections_whose_links_are_the_same_for_both_pages() -> None:
    """Two pages with the same key for a section get the same relative link to every page in it
    (MkDocs' own get_relative_url), so the section's HTML made for one is right for the other."""
    from itertools import product

    from mkdocs.utils import get_relative_url

    from guidekit.navmemo import NavMemo

    class Page:
        is_page, active, children = True, False, ()

        def __init__(self, url: str) -> None:
            self.url = url

    class Section:
        active, pages = False, None

        def __init__(self, *children) -> None:
            self.children = list(children)

    urls = ["", "ru/", "guide/", "guide/scope/", "guide-2/scope/", "ru/guide/scope/", "ru/guide-2/scope/",
            "ru/countries/kz/", "countries/", "guide/scope.html", "index.html", "ru/guide/a/b/"]
    sections = [Section(Page("guide/scope/"), Page("guide/siting/")), Section(Page("ru/guide-2/scope/"), Page("ru/guide-2/")),
                Section(Page("ru/countries/kz/"), Section(Page("ru/countries/uz/"))), Section(Page(""), Page("guide/")),
                Section(Page("ru/guide/a/b/"), Page("ru/guide/a/c/"))]
    pages = [Page(url) for url in ("guide/scope/", "ru/guide-2/", "ru/countries/kz/", "guide/scope.html", "")]
    memo, cached = NavMemo(), 0
    for section, first, second in product(sections + pages, urls, urls):
        key = memo.key(section, "__nav_1", 1, None, Page(first), "")
        if key is None or key != memo.key(section, "__nav_1", 1, None, Page(second), ""):
            continue
        cached += first != second
        stack = list(section.children) or [section]
        while stack:
            item = stack.pop()
            if isinstance(item, Section):
                stack.extend(item.children)
            else:
                assert get_relative_url(item.url, first) == get_relative_url(item.url, second), (item.url, first, second)
    assert cached > 40
    active = Section(Page("guide/scope/"))
    active.active = True
    assert memo.key(active, "__nav_1", 1, None, Page("ru/"), "") is None
    current = Page("guide/scope/")
    current.active = True   # the page being built: rendered with its table of contents, never reused
    assert memo.key(current, "__nav_1_3", 2, active, current, "") is None
    assert memo.key(Page("guide/siting/"), "__nav_1_4", 2, active, current, "") is not None


@pytest.mark.slow
def test_nav_memo_changes_no_byte(site, tmp_path) -> None:
    """The site built without hooks/nav_memo.py (every section rendered for every page) is the same."""
    project = copy_project(tmp_path / "p")   # remembered entries are keyed on content: none is the nav's
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    without = "\n".join(line for line in config.splitlines() if "hooks/nav_memo.py" not in line) + "\n"
    assert without != config
    (project / "mkdocs.yml").write_text(without, encoding="utf-8")
    built = run_mkdocs_build(project)
    assert built.returncode == 0, built.output
    pages = sorted(p.relative_to(site.root) for p in site.root.rglob("*.html"))
    assert pages == sorted(p.relative_to(built.site_dir) for p in built.site_dir.rglob("*.html"))
    for page in pages:
        assert (built.site_dir / page).read_bytes() == (site.root / page).read_bytes(), page


@pytest.mark.parametrize("html", [
    '<p class="a&amp;b" title="x > y" id=z>', '<script>var s="<div class=no>"</script><i class=yes>',
    "<!-- <b class=c> --><u/>", "<a href=\"#t\" class='q r'>", '<style a="1">.x{}</style ><br class="k"/>',
    '<SVG><Path Class="Up"/></svg><label for="__drawer __search">',
])
def test_page_names_are_what_the_html_parser_finds(html: str) -> None:
    from guidekit.css import html_names, page_names

    expected: set[str] = set()
    html_names(html, expected)
    assert page_names(html) == expected


def test_page_names_match_the_html_parser_on_every_built_page(site) -> None:
    from guidekit.css import html_names, page_names

    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        expected: set[str] = set()
        html_names(text, expected)
        assert page_names(text) == expected, page


def test_only_the_data_files_that_changed_are_validated_again(tmp_path, monkeypatch) -> None:
    """A data file that passed its schema once (.cache/guide/valid-…) is not validated again; a
    changed one is, and a failing one is never remembered."""
    from guidekit import loader
    from guidekit.errors import GuideErrors

    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    monkeypatch.setattr(loader, "_REMEMBERED", {})   # this process may have loaded the same data already
    validated: list[str] = []
    real_validate = loader.validate
    monkeypatch.setattr(loader, "validate", lambda document, schemas, name: validated.append(name)
                        or real_validate(document, schemas, name))
    loader.load_guide_data(data, tmp_path)
    assert sorted(validated) == sorted(loader.DATA_FILES.values())
    validated.clear()
    ui = data / "ui.yml"
    ui.write_text(ui.read_text(encoding="utf-8") + "\n", encoding="utf-8")   # new content, same data
    loader.load_guide_data(data, tmp_path)
    assert validated == ["ui.schema.json"]
    countries = data / "countries.yml"
    countries.write_text(countries.read_text(encoding="utf-8").replace("  KG:\n", "  KG:\n    capital: Bishkek\n", 1),
                         encoding="utf-8")
    for _ in range(2):
        validated.clear()
        with pytest.raises(GuideErrors, match="unknown field 'capital'"):
            loader.load_guide_data(data, tmp_path)
        assert validated == ["countries.schema.json"]
