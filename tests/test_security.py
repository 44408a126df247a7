"""A hostile value in any source — front matter, country data, interface strings, glossary,
notification fields — stays inert text in a real browser, in both languages.

One copy of the project gets the payload in every kind of source; it is built strictly and each
affected page is opened in Chromium (from file://, as the offline copy is). No dialog may open, no
element may carry an event-handler attribute, and the values must arrive intact (the attribute
that holds them is not broken open).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_project

PAYLOAD = """<script>alert(1)</script>" onmouseover="alert(2)" '><img src=x onerror=alert(3)>"""
YAML_PAYLOAD = PAYLOAD.replace("\\", "\\\\").replace('"', '\\"')   # inside a YAML "…" string

PAGES = ("cases/belarus/", "cases/", "countries/kazakhstan/", "countries/", "glossary/", "notification/",
         "guide/print/", "")


def inject(project: Path) -> None:
    def edit(name: str, old: str, new: str) -> None:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture out of date: {old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def replace_line(name: str, start: str, new: str) -> None:
        path = project / name
        lines = path.read_text(encoding="utf-8").split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = new
        path.write_text("\n".join(lines), encoding="utf-8")

    quoted = f'"{YAML_PAYLOAD}"'
    for page in ("docs/cases/belarus.md", "docs/cases/belarus.ru.md"):
        replace_line(page, "description:", f"title: {quoted}\ndescription: {quoted}")
    edit("data/countries.yml", "official_name: {en: Republic of Kazakhstan,", f"official_name: {{en: {quoted},")
    edit("data/countries.yml", "ru: Республика Казахстан}", f"ru: {quoted}}}")
    edit("data/ui.yml", "country.name: {en: Country, ru: Страна}", f"country.name: {{en: {quoted}, ru: {quoted}}}")
    replace_line("data/glossary.yml", '      definition: "The act by which', f"      definition: {quoted}")
    edit("data/notification.yml", "label: {en: Party of origin, ru: Сторона происхождения}",
         f"label: {{en: {quoted}, ru: {quoted}}}")


# One worker runs this module under `make test` (-n auto --dist loadgroup): the hostile site is built once.
pytestmark = pytest.mark.xdist_group("hostile")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, remembered: None) -> Path:
    """The project with the payload in every kind of value, built; after the session's build, so the
    copy starts with what that build remembered."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    inject(project)
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    return site


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_hostile_values_stay_inert_in_the_browser(hostile_site: Path, page, lang: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    prefix = "" if lang == "en" else "ru/"
    seen_payload = 0
    for path in PAGES:
        page.goto((hostile_site / f"{prefix}{path}index.html").as_uri())
        page.evaluate("() => document.querySelectorAll('*').forEach(e => ['mouseover', 'focus', 'click']"
                      ".forEach(t => t !== 'click' || e.tagName !== 'A' ? e.dispatchEvent(new Event(t)) : 0))")
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))")
        assert handlers == [], (lang, path, handlers)
        injected_images = page.evaluate("() => [...document.images].filter(i => i.getAttribute('src') === 'x').length")
        assert injected_images == 0, (lang, path)
        seen_payload += page.evaluate("(p) => document.body.innerText.split(p).length - 1", PAYLOAD)
    assert dialogs == []
    assert seen_payload >= 5   # the values are shown, as text, on the pages that use them

    page.goto((hostile_site / f"{prefix}cases/belarus/index.html").as_uri())
    assert PAYLOAD in page.title()
    assert page.get_attribute("meta[name=description]", "content") == PAYLOAD
    assert page.get_attribute("meta[property='og:description']", "content") == PAYLOAD
    assert dialogs == []
