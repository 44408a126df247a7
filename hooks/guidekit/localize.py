"""Dates and numbers written the way each language's readers expect (Babel's CLDR data).

English follows UN usage (11 January 2001); Russian follows Russian conventions
(11 января 2001 г., 25 000), with non-breaking spaces so neither "11 января" nor "2001 г." splits
across lines.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date as _babel_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

BABEL_LOCALES = {"en": "en_GB", "ru": "ru"}
NBSP = "\u00a0"


def _locale(lang: str) -> str:
    try:
        return BABEL_LOCALES[lang]
    except KeyError:
        raise ValueError(f"unsupported language '{lang}'; expected one of {sorted(BABEL_LOCALES)}") from None


def _tidy(text: str) -> str:
    return text.replace("\u202f", NBSP)


def parse_partial_date(value: str) -> tuple[dt.date, str]:
    """``2001-01-11`` → (date, "day"); ``2017-06`` → (date, "month"); ``2019`` → (date, "year")."""
    parts = [int(part) for part in value.split("-")]
    precision = {1: "year", 2: "month", 3: "day"}[len(parts)]
    parts += [1] * (3 - len(parts))
    return dt.date(*parts), precision


def start_of(value: str) -> dt.date:
    """The first day of a date, month or year written ISO-style (``2017-06`` → 1 June 2017)."""
    return parse_partial_date(value)[0]


@lru_cache(maxsize=1024)   # pure; the same few dates are formatted on every page (Babel: ~40 µs each)
def format_date(value: str, lang: str) -> str:
    """Format an ISO date, month or year for ``lang``."""
    date, precision = parse_partial_date(value)
    locale = _locale(lang)
    if precision == "day":   # the day stays with its month on one line: 11 января, 11 January
        return _tidy(_babel_date(date, format="long", locale=locale)).replace(f"{date.day} ", f"{date.day}{NBSP}", 1)
    if precision == "month":
        return _tidy(format_skeleton("yMMMM", date, locale=locale))
    return f"{date.year}{NBSP}г." if lang == "ru" else str(date.year)


def format_number(value: float | int, lang: str) -> str:
    """25000 → ``25,000`` (en) / ``25 000`` (ru, non-breaking space)."""
    return _tidy(format_decimal(value, locale=_locale(lang)))


def format_period(start: str, end: str | None, lang: str) -> str:
    """One date or a period: ``25–26 September 2018`` / ``25–26 сентября 2018 г.``,
    ``July – September 2018`` / ``июль — сентябрь 2018 г.``,
    ``March 2017 – May 2018`` / ``март 2017 г. — май 2018 г.``."""
    if end is None or end == start:
        return format_date(start, lang)
    first, precision = parse_partial_date(start)
    last, end_precision = parse_partial_date(end)
    if precision == end_precision == "day" and (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{format_date(end, lang)}"
    dash = f"{NBSP}— " if lang == "ru" else f"{NBSP}– "
    if precision == end_precision == "month" and first.year == last.year:
        return f"{_babel_date(first, format='LLLL', locale=_locale(lang))}{dash}{format_date(end, lang)}"
    return f"{format_date(start, lang)}{dash}{format_date(end, lang)}"
