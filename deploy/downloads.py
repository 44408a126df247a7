"""Downloads offered on the site: the Guide as PDF per language, and a copy that works offline.

The PDFs are printed by a real browser engine (Debian's chromium, headless) from the one-page Guide
(guide/print/), with the document outline as table of contents; the offline copy is a second build
with plain .html links (USE_DIRECTORY_URLS=false), zipped. `make downloads` and `make publish` run
this inside the new site (deploy/publish.py), so the link check covers the download links.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from deploy import chromium
from deploy.progress import PublishError

LANGUAGES = {"en": "", "ru": "ru/"}
ZIP_SKIP_SUFFIXES = (".map",)


def print_pdf(browser: str, page: Path, target: Path, epoch: int | None) -> None:
    """Print one page to PDF with the browser's own engine."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run(
            [browser, *chromium.FLAGS, *chromium.PDF_FLAGS, f"--user-data-dir={profile}",
             f"--print-to-pdf={target}", page.as_uri()],
            capture_output=True, timeout=300,
        )
    if proc.returncode != 0 or not target.exists() or target.read_bytes()[:5] != b"%PDF-":
        raise PublishError(f"chromium did not write a PDF for {page} (exit {proc.returncode}):\n"
                           + proc.stderr.decode("utf-8", "replace")[-2000:])
    if epoch is not None:
        target.write_bytes(reproducible_pdf(target.read_bytes(), epoch))


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:(\d{14})")
_PDF_ID = re.compile(rb"/ID ?\[ ?<([0-9A-Fa-f]+)> ?<([0-9A-Fa-f]+)> ?\]")


def reproducible_pdf(pdf: bytes, epoch: int) -> bytes:
    """Replace the print time and the random document id with values derived from the sources,
    keeping every byte offset, so two builds of one commit give the same PDF."""
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    pdf = _PDF_DATE.sub(lambda m: b"/" + m.group(1) + m.group(0)[len(m.group(1)) + 1:-14] + stamp, pdf)
    digest = hashlib.sha256(_PDF_ID.sub(b"", pdf)).hexdigest().upper().encode()

    def fixed_id(match: re.Match[bytes]) -> bytes:
        first, second = match.group(1), match.group(2)
        return match.group(0).replace(first, digest[:len(first)], 1).replace(second, digest[-len(second):], 1)

    return _PDF_ID.sub(fixed_id, pdf)


def zip_site(site: Path, target: Path) -> None:
    """Deterministic archive of a built site (sorted names, fixed timestamps)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            if path.suffix in ZIP_SKIP_SUFFIXES or path.name.startswith("."):
                continue
            info = zipfile.ZipInfo(f"industrial-safety-guide/{path.relative_to(site).as_posix()}",
                                   date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def _timed_print(browser: str, page: Path, target: Path, epoch: int | None) -> float:
    """print_pdf, returning how many seconds it took."""
    started = time.monotonic()
    print_pdf(browser, page, target, epoch)
    return time.monotonic() - started


def write_downloads(site: Path, offline: Path, epoch: int | None, say: Callable[[str], None]) -> list[Path]:
    """The PDFs (one per language, printed at the same time: each browser keeps about one core busy)
    and the offline archive, into SITE/downloads/."""
    browser = chromium.executable()
    if browser is None:
        raise PublishError(f"the PDFs need a browser: {chromium.INSTALL_HINT}")
    downloads = site / "downloads"
    count = len(LANGUAGES)
    jobs: list[tuple[int, Path, Future[float]]] = []
    with ThreadPoolExecutor(max_workers=count) as pool:
        for number, (lang, prefix) in enumerate(LANGUAGES.items(), start=1):
            page = (site / f"{prefix}guide/print/index.html").resolve()
            target = downloads / f"guide-{lang}.pdf"
            say(f"PDF {number}/{count}: printing {page.relative_to(site.resolve()).as_posix()} → {target.name}")
            jobs.append((number, target, pool.submit(_timed_print, browser, page, target, epoch)))
        for number, target, job in jobs:
            seconds = job.result()
            say(f"PDF {number}/{count}: {target.name}, {target.stat().st_size // 1024} kB, {seconds:.1f} s")
    written = [target for _, target, _ in jobs]
    say(f"offline copy: zipping {offline.name}/ → guide-offline.zip")
    zip_site(offline, downloads / "guide-offline.zip")
    written.append(downloads / "guide-offline.zip")
    return written


def main(argv: list[str] | None = None) -> int:
    """`python -m deploy.downloads --site SITE --offline OFFLINE` (publish runs write_downloads itself)."""
    import argparse
    import os
    import sys

    parser = argparse.ArgumentParser(prog="python -m deploy.downloads",
                                     description="Write the PDFs and the offline copy into SITE/downloads/.")
    parser.add_argument("--site", type=Path, required=True, help="the built site (directory URLs)")
    parser.add_argument("--offline", type=Path, required=True, help="a build made with USE_DIRECTORY_URLS=false")
    args = parser.parse_args(argv)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        for path in write_downloads(args.site, args.offline, int(epoch) if epoch.isdigit() else None,
                                    lambda text: print(text, flush=True)):
            print(f"wrote {path}")
    except PublishError as exc:
        print(f"downloads: FAILED — {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
