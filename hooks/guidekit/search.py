"""Make Material's search stem query words, so «уведомления» finds «уведомление».

Material's search worker turns every query word into a prefix query (``word*``), and lunr skips
the language pipeline — the Russian stemmer included — for prefix queries. The index is stemmed
(``уведомление`` → ``уведомлен``), so an inflected query word never matches. The fix sends each
word twice: ``word~0`` (an exact query that goes through the stemmer) and ``word*`` (the prefix
query for search-as-you-type).
"""

from __future__ import annotations

# The expression in Material 9.8.x's search worker that appends the wildcard to each query word.
PREFIX_ONLY = ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)"
STEMMED_AND_PREFIX = ".flatMap(r=>/(^[+-]|[~^]\\d+$)/.test(r)?[r]:[`${r}~0`,`${r}*`])"


class SearchWorkerChanged(Exception):
    """The worker no longer contains the expression we rewrite (a Material upgrade changed it)."""


def enable_query_stemming(worker_source: str) -> str:
    """Return the worker with stemmed query words; fail loudly if the expected code is absent."""
    if STEMMED_AND_PREFIX in worker_source:
        return worker_source
    if worker_source.count(PREFIX_ONLY) != 1:
        raise SearchWorkerChanged(
            "Material's search worker does not contain the query transform this guide rewrites; "
            "check hooks/guidekit/search.py against the installed mkdocs-material version"
        )
    return worker_source.replace(PREFIX_ONLY, STEMMED_AND_PREFIX)
