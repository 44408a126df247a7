"""Debian's chromium, the one browser every tool here starts: the PDFs, the browser tests, the bench.

Never a downloaded browser (`make browser` installs Debian's packages). Automation (tests, PDFs, page
weights) prefers `chromium-headless-shell`, the same Blink without the desktop browser around it: a
page load with an axe run costs about 45 % less CPU than in `chromium --headless=new` (measured on
10 pages: 14.6 against 26.4 s). Lighthouse asks for the full browser (`executable(full=True)`), as
its scores are defined on it. FLAGS: headless, no first-run, no background traffic — nothing that
could leave 127.0.0.1 on its own.
"""

from __future__ import annotations

import os
import shutil

FLAGS: tuple[str, ...] = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
# Printing a page to PDF from the command line (deploy/downloads.py), on top of FLAGS. No virtual-time
# budget: the print page's content has no script and every file it uses is local, so the page is
# finished at its load event (with a 10 s budget both PDFs came out byte for byte the same, apart
# from the date and id that reproducible_pdf sets, for a third more CPU).
PDF_FLAGS: tuple[str, ...] = ("--no-pdf-header-footer", "--generate-pdf-document-outline")
FULL_NAMES = ("chromium", "chromium-browser", "google-chrome")
NAMES = ("chromium-headless-shell", *FULL_NAMES)
INSTALL_HINT = "Debian's chromium is not installed here (run `make browser`; CI installs it)"


def executable(full: bool = False) -> str | None:
    """Path of the browser: $CHROMIUM (or $BENCH_CHROMIUM) when set, else the first of NAMES on PATH
    (of FULL_NAMES when ``full``: the desktop browser, not the headless shell)."""
    for variable in ("CHROMIUM", "BENCH_CHROMIUM"):
        given = os.environ.get(variable)
        if given and os.access(given, os.X_OK):
            return given
    return next((found for name in (FULL_NAMES if full else NAMES) if (found := shutil.which(name))), None)
