"""Behaviour in a real browser (Debian's chromium via Playwright), served from 127.0.0.1."""

from __future__ import annotations

import json
import re

import pytest

from conftest import BuiltSite, settle

pytestmark = pytest.mark.browser


def search(page, base: str, path: str, query: str) -> list[str]:
    """Open the search box, type a query and return the result links (paths)."""
    page.goto(base + path)
    box = page.locator(".ca-search .md-search__input")
    if not box.is_visible():   # narrow screens: the search box opens from the header button
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill(query)
    page.wait_for_function("document.querySelectorAll('#ca-search-results li').length > 0 || "
                           "/Совпадений не найдено|No matching/.test(document.querySelector('.ca-search .md-search-result__meta').textContent)")
    return page.eval_on_selector_all("#ca-search-results li a", "links => links.map(a => new URL(a.href).pathname)")


def test_russian_search_finds_other_word_forms_and_russian_pages_only(site: BuiltSite, served_site: str, page) -> None:
    from guidekit.search import expand_index

    index = site.search_index("ru")
    index_text = " ".join([doc["title"] for doc in index["docs"]] + sum(expand_index(index).values(), [])).lower()
    query = "уведомлениями"  # instrumental plural: found only through the Russian stemmer
    assert query not in index_text, "precondition: the exact form must not occur on any page"
    assert "уведомлени" in index_text

    results = search(page, served_site, "ru/guide/scope/", query)
    assert results, "Russian stemming did not match any form of «уведомление»"
    assert all(path.startswith("/ru/") for path in results)
    assert any(path.startswith("/ru/guide/notification/") for path in results)
    assert page.locator("#ca-search-results li a").first.is_visible()   # the result panel is open


def test_english_search_finds_english_pages_only(served_site: str, page) -> None:
    results = search(page, served_site, "guide/scope/", "notifications")
    assert results and not any(path.startswith("/ru/") for path in results)


def test_search_index_is_fetched_only_when_searching_and_only_for_the_page_language(served_site: str, page) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(served_site + "ru/guide/prevention/")
    settle(page)
    assert not [url for url in requested if "/search/" in url or "lunr" in url]
    search(page, served_site, "ru/guide/prevention/", "хвостохранилище")
    fetched = [url.split("/search/")[1] for url in requested if "/search/" in url]
    assert fetched == ["ru.js"]
    placeholder = page.locator(".ca-search .md-search__input").get_attribute("placeholder")
    assert placeholder == "Поиск"


def test_language_switcher_opens_the_same_page(served_site: str, page) -> None:
    page.goto(served_site + "countries/kazakhstan/")
    page.locator(".md-header__option .md-select").first.hover()
    page.locator("a.md-select__link[hreflang=ru]").first.click()
    page.wait_for_url(re.compile(r"/ru/countries/kazakhstan/$"))
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text().startswith("Казахстан")


# --- notification form -----------------------------------------------------------------------------

def open_form(page, base: str, lang: str):
    prefix = "" if lang == "en" else f"{lang}/"
    page.goto(f"{base}{prefix}notification/")
    page.wait_for_selector(".ca-form__toolbar button[data-action=print]", state="visible")


def fill_valid(page) -> None:
    page.select_option("#f-party_of_origin", "KZ")
    page.select_option("#f-affected_party", "UZ")
    page.fill("#f-notification_date", "2026-03-02")
    page.fill("#f-activity_name", "Test tailings facility")
    page.select_option("#f-activity_status", "existing")
    page.fill("#f-activity_description", "Storage of flotation tailings")
    page.fill("#f-operator", "Example Mining JSC")
    page.fill("#f-location", "Test region")
    page.fill("#f-distance_to_border", "12.5")
    page.fill("#f-substances", "Sodium cyanide, 30 t")
    page.fill("#f-effects", "Pollution of a shared river")
    page.fill("#f-reply_by", "2026-05-04")
    page.fill("#f-contact_person", "A. Officer")
    page.fill("#f-contact_email", "officer@example.org")


def test_choosing_countries_fills_their_authorities(served_site: str, page) -> None:
    open_form(page, served_site, "ru")
    page.select_option("#f-party_of_origin", "KZ")
    page.select_option("#f-affected_party", "KG")
    origin = page.input_value("#f-origin_authority")
    assert "Министерство по чрезвычайным ситуациям Республики Казахстан" in origin
    assert "Назначен" in page.input_value("#f-origin_point_of_contact")
    assert "Кыргызской Республики" in page.input_value("#f-affected_authority")
    # A value typed by the reader is never overwritten by a later choice.
    page.fill("#f-affected_authority", "Typed by hand")
    page.select_option("#f-affected_party", "TJ")
    assert page.input_value("#f-affected_authority") == "Typed by hand"


@pytest.mark.parametrize(("lang", "date", "distance", "status"), [
    ("en", "2 March 2026", "12.5\u00a0km", "Existing"),
    ("ru", "2 марта 2026 г.", "12,5\u00a0км", "Существующая"),
])
def test_printable_notification_in_page_language(served_site: str, page, lang, date, distance, status) -> None:
    open_form(page, served_site, lang)
    fill_valid(page)
    page.click("button[data-action=preview]")
    output = page.locator("#notification-output")
    assert output.is_visible()
    assert output.locator("[data-field=notification_date]").inner_text() == date
    assert output.locator("[data-field=distance_to_border]").inner_text() == distance
    assert output.locator("[data-field=activity_status]").inner_text() == status
    assert output.locator("[data-field=activity_name]").inner_text() == "Test tailings facility"
    assert output.locator("[data-field=party_of_origin]").inner_text() == ("Kazakhstan" if lang == "en" else "Казахстан")
    # In print, only the notification is shown.
    page.evaluate("document.documentElement.classList.add('ca-print-notification')")
    page.emulate_media(media="print")
    assert page.locator("#notification-form").is_hidden()
    assert output.is_visible()
    assert page.locator(".md-sidebar--primary").is_hidden()


def test_invalid_input_shows_messages(served_site: str, page) -> None:
    open_form(page, served_site, "ru")
    fill_valid(page)
    page.fill("#f-contact_email", "not-an-address")
    page.fill("#f-reply_by", "2026-01-01")
    page.select_option("#f-affected_party", "KZ")
    page.fill("#f-activity_name", "")
    page.click("button[data-action=preview]")
    assert page.locator("#e-contact_email").inner_text().startswith("Укажите адрес электронной почты")
    assert page.locator("#e-reply_by").inner_text() == "Эта дата должна быть позже даты уведомления."
    assert page.locator("#e-affected_party").inner_text() == "Уведомляемая Сторона должна отличаться от Стороны происхождения."
    assert page.locator("#e-activity_name").inner_text() == "Заполните это поле."
    assert page.get_attribute("#f-contact_email", "aria-invalid") == "true"
    assert page.locator(".ca-form__summary li").count() == 4
    assert page.locator("#notification-output").is_hidden()


def test_draft_survives_a_reload_and_can_be_cleared(served_site: str, page) -> None:
    open_form(page, served_site, "en")
    fill_valid(page)
    page.reload()
    page.wait_for_selector("button[data-action=print]", state="visible")
    assert page.input_value("#f-activity_name") == "Test tailings facility"
    assert page.input_value("#f-party_of_origin") == "KZ"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[data-action=clear]")
    page.reload()
    page.wait_for_selector("button[data-action=print]", state="visible")
    assert page.input_value("#f-activity_name") == ""


def test_export_and_import_round_trip(served_site: str, page, tmp_path) -> None:
    open_form(page, served_site, "en")
    fill_valid(page)
    with page.expect_download() as download:
        page.click("button[data-action=export]")
    draft = tmp_path / "draft.json"
    download.value.save_as(draft)
    exported = json.loads(draft.read_text(encoding="utf-8"))
    assert exported["fields"]["activity_name"] == "Test tailings facility"

    page.evaluate("localStorage.clear()")
    page.reload()
    page.wait_for_selector("button[data-action=print]", state="visible")
    assert page.input_value("#f-activity_name") == ""
    page.set_input_files("#notification-import", str(draft))
    page.wait_for_function("document.querySelector('#f-activity_name').value !== ''")
    assert {k: page.input_value(f"#f-{k}") for k in exported["fields"]} == exported["fields"]

    bad = tmp_path / "bad.json"
    bad.write_text('{"something": "else"}', encoding="utf-8")
    page.set_input_files("#notification-import", str(bad))
    page.wait_for_function("document.querySelector('.ca-form__status').textContent.includes('not a notification draft')")


def test_without_javascript_the_blank_template_is_readable(browser, served_site: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(served_site + "ru/notification/")
        assert tab.locator("#f-activity_name").is_visible()
        assert tab.locator("#g-activity_name").is_visible()
        assert tab.locator("button[data-action=print]").is_hidden()
    finally:
        context.close()
