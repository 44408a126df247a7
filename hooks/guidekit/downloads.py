"""Downloads offered on the site: the Guide as PDF per language, and a copy that works offline.

Run after a build (``make downloads``):
  python -m guidekit.downloads --site site --offline .site-offline
The PDFs are printed by a real browser engine (Debian's chromium, headless) from the one-page Guide
(guide/print/), with the document outline as table of contents; the offline copy is a second
build with plain .html links (USE_DIRECTORY_URLS=false), zipped.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import time
import subprocess
import tempfile
import zipfile
from pathlib import Path

LANGUAGES = {"en": "", "ru": "ru/"}
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
    "--generate-pdf-document-outline", "--virtual-time-budget=10000",
]
ZIP_SKIP_SUFFIXES = (".map",)


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed: run `make browser` first")


def print_pdf(chromium: str, page: Path, target: Path) -> None:
    """Print one page to PDF with the browser's own engine."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", page.as_uri()],
            check=True, capture_output=True, timeout=300,
        )
    if not target.exists() or target.read_bytes()[:5] != b"%PDF-":
        raise SystemExit(f"chromium did not write a PDF for {page}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        target.write_bytes(reproducible_pdf(target.read_bytes(), int(epoch)))


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
            info = zipfile.ZipInfo(f"industrial-safety-guide/{path.relative_to(site).as_posix()}", date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the PDFs and the offline copy into SITE/downloads/.")
    parser.add_argument("--site", type=Path, required=True, help="the built site (directory URLs)")
    parser.add_argument("--offline", type=Path, required=True, help="a build made with USE_DIRECTORY_URLS=false")
    args = parser.parse_args(argv)
    downloads = args.site / "downloads"
    chromium = find_chromium()
    for lang, prefix in LANGUAGES.items():
        print_pdf(chromium, (args.site / f"{prefix}guide/print/index.html").resolve(), downloads / f"guide-{lang}.pdf")
        print(f"wrote {downloads / f'guide-{lang}.pdf'}")
    zip_site(args.offline, downloads / "guide-offline.zip")
    print(f"wrote {downloads / 'guide-offline.zip'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
