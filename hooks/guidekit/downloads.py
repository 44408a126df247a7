"""Downloads offered on the site: the Guide as PDF per language, and a copy that works offline.

Run after a build (``make downloads``):
  python -m guidekit.downloads --site site --offline .site-offline
The PDFs are printed by a real browser engine (Debian's chromium, headless) from the one-page Guide
(guide/print/), with the document outline as table of contents; the offline copy is a second
build with plain .html links (USE_DIRECTORY_URLS=false), zipped.
"""

from __future__ import annotations

import argparse
import shutil
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
