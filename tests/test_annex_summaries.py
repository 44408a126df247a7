"""Chapter summaries of annex content (Annexes II, III, IV, V, VII, VIII, X, XII), each with the text
it was made from (marker annex:source, data/annexes.yml `content_source`), in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LANGUAGES, BuiltSite, data_error, project_data
from guidekit.annexes import check_summarised_annex

DATA = project_data()
SOURCE = DATA.sources["convention-text-1992"]
NBSP = "\u00a0"

# page → (annex, a phrase of our summary in English, the same in Russian)
SUMMARIES = {
    "guide/identification/": [
        ("II", "rests on accepted scientific principles",
         "основывается на общепризнанных научных принципах"),
    ],
    "guide/notification/": [
        ("III", "alternatives to the activity, not going ahead included",
         "альтернатив деятельности, включая отказ от неё"),
    ],
    "guide/prevention/": [
        ("IV", "monitoring and auditing hazardous activities, and inspecting them",
         "контроль и аудит опасной деятельности, проведение её проверок"),
        ("V", "how far modifications, repairs and maintenance could undermine the control measures",
         "в какой мере изменения, ремонт и техническое обслуживание могут ослабить меры контроля"),
    ],
    "guide/siting/": [
        ("V", "developments that are planned or can reasonably be foreseen",
         "запланированного или обоснованно предполагаемого развития в будущем"),
    ],
    "guide/preparedness/": [
        ("VII", "how the public authority in charge of the off-site response is alerted early",
         "как заблаговременно оповещается орган власти, отвечающий за реагирование за пределами площадки"),
    ],
    "guide/public/": [
        ("VIII", "Where to ask for more information",
         "Куда обращаться за дополнительными сведениями"),
    ],
    "guide/cooperation/": [
        ("XII", "sending experts to the site of an industrial accident",
         "направление экспертов на место промышленной аварии"),
    ],
    "guide/response/": [
        ("X", "help with the medical treatment of people involved in an accident",
         "помочь с лечением пострадавших при аварии"),
    ],
}
CASES = [(lang, page, annex, en, ru) for lang in LANGUAGES for page, items in SUMMARIES.items()
         for annex, en, ru in items]


def squash(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


@pytest.mark.parametrize(("lang", "page", "annex", "en", "ru"), CASES)
def test_summary_renders_with_its_source(site: BuiltSite, lang: str, page: str, annex: str, en: str, ru: str) -> None:
    soup = site.soup(lang, page)
    note = soup.select_one(f"p.ca-annex-source[data-annex='{annex}']")
    assert note is not None, f"{lang} {page}: no source under the Annex {annex} summary"
    # The summary (our wording) stands before its source note, in the page's language.
    before = squash(" ".join(node.get_text(" ") for node in note.find_all_previous(["li", "td", "p"])))
    assert squash(en if lang == "en" else ru) in before
    # The note names the annex, says the wording is ours, and links to the text that was read.
    words = squash(note.get_text(" "))
    expected = {"en": f"Our summary of Annex {annex} made from the English authentic text",
                "ru": f"Наше краткое изложение приложения {annex} по аутентичному тексту Конвенции на английском языке"}[lang]
    assert words.startswith(expected)
    link = note.select_one("a[rel=external]")
    assert link["href"] == SOURCE.url
    assert squash(link.get_text()) == squash(SOURCE.title.in_(lang))
    assert "E/ECE/1268" in link.get_text()
    assert ("17 марта 1992 г." if lang == "ru" else "17 March 1992") in words


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_still_calls_these_annexes_unconfirmed(site: BuiltSite, lang: str) -> None:
    gone = {"en": ("Paragraphs 6–10 of Annex III", "Annex IV is not reproduced here", "Further paragraphs of Annex VII", "Items after item 9",
                   "Any further paragraphs of Annex X", "whose wording is not confirmed here",
                   "The rest of paragraph 3 is not summarised here"),
            "ru": ("Пункты 6–10 приложения III", "Перечень приложения IV здесь не воспроизводится", "Дальнейшие пункты приложения VII",
                   "Пункты после пункта 9", "Дальнейшие пункты приложения X", "формулировка которого здесь не подтверждена",
                   "Остальная часть пункта 3 здесь не излагается")}
    for page in SUMMARIES:
        text = squash(site.soup(lang, page).get_text(" "))
        for phrase in gone[lang]:
            assert phrase not in text, (lang, page, phrase)


def test_russian_annex_titles_stay_flagged(site: BuiltSite) -> None:
    """The Russian authentic text was not read: titles flagged before stay flagged."""
    rows = site.soup("ru", "guide/annexes/").select("#annex-list tbody tr")
    flagged = {row["data-annex"] for row in rows if row.select_one(".ca-unconfirmed")}
    assert {"VIII", "X"} <= flagged


# --- the core, without a build -------------------------------------------------------------------

def test_only_an_annex_read_in_a_source_may_be_summarised() -> None:
    assert check_summarised_annex(DATA, ("IV",), 0) is None
    problem, fix = check_summarised_annex(DATA, ("XIII",), 0)
    assert problem == "Annex XIII has no content_source"
    assert "data/annexes.yml" in fix
    problem, fix = check_summarised_annex(DATA, ("XIV",), 0)
    assert problem == "unknown annex 'XIV'"


def test_content_source_must_be_a_known_source(tmp_path: Path) -> None:
    message = data_error(tmp_path, "annexes.yml", "content_source: convention-text-1992",
                         "content_source: convention-text-1993")
    assert "data/annexes.yml:" in message
    assert "unknown source 'convention-text-1993'" in message
