"""Property-based: any text a translator or an attacker can put into the data — markup, quotes,
control characters, right-to-left marks, very long text — comes out of every renderer as text.

For each generated value the output of the markers (country profile and tables, map, glossary,
notification form with its prefill data) and of the translation notice must have exactly the same
elements and attribute names as with a harmless value, and the form's embedded JSON must give the
value back unchanged.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from functools import cache

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, project_data
from guidekit.markers import RenderContext, make_registry, make_templates, render_markers
from guidekit.model import GuideData, Localized
from guidekit.site import MARKER_SPECS
from guidekit.translation import render_notice

MARKERS = (
    "<!-- country:profile KZ -->\n<!-- country:status-table -->\n<!-- country:authorities-table -->\n"
    "<!-- country:map -->\n<!-- country:link KZ -->\n<!-- glossary:terms -->\n<!-- glossary:abbreviations -->\n"
    "<!-- notification:form -->\n"
)

HOSTILE = st.sampled_from([
    "<script>alert(1)</script>", '" onmouseover="alert(2)', "' onfocus='alert(3)' autofocus='",
    "</script><script>alert(4)</script>", "<img src=x onerror=alert(5)>", "javascript:alert(6)",
    "]]><!--", "-->", "{{ 7*7 }}", "&amp; &lt; &#x3C;", "\u202eRTL\u202c", "\u200f\u200e", "\x00\x01\x1f\x7f",
    "Казахстан «кавычки» „…“", "\\u003cscript\\u003e", "a\r\nb\tc",
])
TEXT = st.one_of(
    HOSTILE,
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=80),
    st.text(st.sampled_from('<>&"\'/=`{}!-[] аяё\u202e\u00a0'), min_size=1, max_size=40),
    st.text(st.sampled_from("ab <>\"& "), min_size=2000, max_size=3000),
)


@cache
def templates():
    return make_templates(str(PROJECT / "overrides"))


@cache
def registry():
    return make_registry(MARKER_SPECS)


def with_value(data: GuideData, value: str) -> GuideData:
    """The data with ``value`` as Kazakhstan's name, an interface string, a glossary term and
    definition, and the first field label of the notification form — in both languages."""
    both = Localized(en=value, ru=value)
    country = dataclasses.replace(data.countries["KZ"], name=both, official_name=both)
    term = data.glossary[0]
    term = dataclasses.replace(
        term, en=dataclasses.replace(term.en, term=value, definition=value),
        ru=dataclasses.replace(term.ru, term=value, definition=value),
    )
    section = data.notification[0]
    field = dataclasses.replace(section.fields[0], label=both, guidance=both)
    section = dataclasses.replace(section, title=both, fields=(field, *section.fields[1:]))
    ui = dataclasses.replace(data.ui, strings={**data.ui.strings, "country.name": both, "form.message.saved": both})
    return dataclasses.replace(
        data, countries={**data.countries, "KZ": country}, glossary=(term, *data.glossary[1:]),
        notification=(section, *data.notification[1:]), ui=ui,
    )


def render_all(data: GuideData, lang: str) -> str:
    ctx = RenderContext(lang=lang, data=data, templates=templates(), link_to=lambda target: f"../{target}")
    body = render_markers(MARKERS, "docs/test.md", registry(), ctx)
    return body + render_notice(ctx, "outdated", "../guide/scope/")


def shape(html: str) -> Counter:
    """Which elements with which attribute names the HTML has (values and text ignored)."""
    soup = BeautifulSoup(html, "html.parser")
    return Counter((tag.name, tuple(sorted(tag.attrs))) for tag in soup.find_all(True))


@cache
def harmless_shape(lang: str) -> Counter:
    return shape(render_all(with_value(project_data(), "Harmless"), lang))


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=TEXT, lang=st.sampled_from(["en", "ru"]))
@example(value="\x85", lang="en").via("found by Hypothesis: str.splitlines() broke the value into a raw newline in JSON")
@example(value="a\u2028b", lang="ru").via("a line separator pasted from a word processor")
def test_any_text_stays_text_in_every_renderer(value: str, lang: str) -> None:
    html = render_all(with_value(project_data(), value), lang)
    assert shape(html) == harmless_shape(lang)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        href = str(tag.get("href", ""))
        assert not href.lower().startswith("javascript:"), tag
    scripts = soup.find_all("script")
    assert all(s.get("type") == "application/json" or s.get("src") for s in scripts)
    payload = json.loads(soup.find("script", id="notification-data").string)
    assert payload["countries"]["KZ"]["name"] == value
    assert payload["sections"][0]["fields"][0]["label"] == value
