#!/usr/bin/env python3
"""Publish the guide: build into a fresh directory, check it, and only then swap it into `site/`.

    .venv/bin/python -m deploy.publish              # what `make publish` runs (with --downloads)
    .venv/bin/python -m deploy.publish --quick      # what `make build` runs (no translation/link checks)
    .venv/bin/python deploy/publish.py …            # the same, as a file

The steps, numbered as they run ("publish: [3/8] link check … 0.4 s"); any failure stops there and
leaves `site/` (and the CSP include) exactly as they were:

  translations check  `make translations-check` (not with --quick or --no-translations-check)
  build               `mkdocs build --strict` into `.site-new/` next to `site/`, dated SOURCE_DATE_EPOCH
                      (deploy/epoch.py: exported, else the last commit, else the newest source file)
  downloads           (--downloads) the offline copy build and the PDFs, inside the new site, naming
                      each page as it prints (deploy/downloads.py)
  link check          every link, asset, fragment and sitemap entry resolves (not with --quick)
  fingerprint         patched theme assets get a name from their bytes (deploy/fingerprint.py)
  CSP check           no page holds inline code the fixed policy refuses (deploy/csp.py)
  compress            `.gz` next to every text file for nginx's gzip_static (deploy/compress.py)
  swap                the CSP include is written, then the new directory and `site/` are exchanged
                      in one rename (deploy/swap.py)

Two runs on the same commit produce byte-identical files. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):   # run as a file (deploy/publish.py): import the package, not siblings
    sys.path[0] = str(Path(__file__).resolve().parents[1])

from deploy import build, csp, downloads, fingerprint, linkcheck  # noqa: E402
from deploy.compress import precompress  # noqa: E402
from deploy.epoch import source_date_epoch  # noqa: E402
from deploy.htmlscan import ParsedPage, html_pages, parse_page  # noqa: E402
from deploy.progress import PublishError, Steps, log  # noqa: E402
from deploy.swap import publish_lock, swap_into_place, write_atomically  # noqa: E402

SHOWN = 50


def _listing(problems: list[str]) -> str:
    more = f"\n  … and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
    return "\n  " + "\n  ".join(problems[:SHOWN]) + more


def plan(quick: bool, with_downloads: bool, translations: bool = True) -> list[str]:
    return [name for name, wanted in (
        ("translations check", translations and not quick), ("build", True), ("downloads", with_downloads),
        ("link check", not quick), ("fingerprint", True), ("CSP check", True), ("compress", True),
        ("swap", True)) if wanted]


def publish(project: Path, site: Path, csp_conf: Path, quick: bool, with_downloads: bool = False,
            translations: bool = True) -> None:
    started = time.monotonic()
    epoch, origin = source_date_epoch(project)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1",
           "PYTHONHASHSEED": "0", "GUIDE_DOWNLOADS": "1" if with_downloads else "0"}
    log(f"SOURCE_DATE_EPOCH={epoch} ({time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(epoch))} UTC, {origin})")
    steps = Steps(plan(quick, with_downloads, translations))

    if translations and not quick:
        with steps("translations check") as step:
            build.translations_check(project, env)
            step.note("all up to date")

    new, old = site.with_name(".site-new"), site.with_name(".site-old")
    shutil.rmtree(new, ignore_errors=True)
    try:
        with steps("build") as step:
            build.strict_build(project, new, env)
            step.note(f"{len(html_pages(new))} HTML pages in {new.name}/")
        if with_downloads:
            with steps("downloads") as step:
                offline = new.with_name(".site-offline")
                shutil.rmtree(offline, ignore_errors=True)
                try:
                    log("offline copy: building with plain .html links (USE_DIRECTORY_URLS=false)")
                    build.strict_build(project, offline, {**env, "USE_DIRECTORY_URLS": "false", "GUIDE_DOWNLOADS": "0"},
                                       what="offline copy build")
                    # Same templates, read from file:// where no header applies: kept free of inline code all the same.
                    problems = csp.check_pages(offline, {path: parse_page(path) for path in html_pages(offline)})
                    if problems:
                        raise PublishError(f"CSP check of the offline copy: {len(problems)} piece(s) of inline "
                                           f"code:{_listing(problems)}\nFix: {csp.FIX}.")
                    written = downloads.write_downloads(new, offline, epoch, log)
                finally:
                    shutil.rmtree(offline, ignore_errors=True)
                step.note(", ".join(path.name for path in written) + " in downloads/")
        pages: dict[Path, ParsedPage] = {path: parse_page(path) for path in html_pages(new)}
        if not quick:
            with steps("link check") as step:
                problems = linkcheck.check_links(new, pages)
                if problems:
                    raise PublishError(f"link check: {len(problems)} broken links in the built site:{_listing(problems)}")
                step.note("every internal link, asset and fragment resolves")
        with steps("fingerprint") as step:
            renamed = fingerprint.refingerprint(new, fingerprint.theme_assets_dir())
            for old_name, new_name in renamed:
                log(f"fingerprint: {old_name} differs from the theme's file (patched by a hook) → {new_name}")
            step.note(f"{len(renamed)} renamed")
        with steps("CSP check") as step:
            problems = csp.check_pages(new, pages)
            if problems:
                raise PublishError(f"CSP check: the Content-Security-Policy would block {len(problems)} piece(s) "
                                   f"of inline code:{_listing(problems)}\nFix: {csp.FIX}.")
            step.note(f"no inline script, style or handler in {len(pages)} pages")
        with steps("compress") as step:
            step.note(f"{precompress(new)} text files (.gz)")
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise

    # Everything passed: install the CSP next to the new site, then swap the site in.
    with steps("swap") as step:
        write_atomically(csp_conf.with_suffix(".txt"), csp.POLICY + "\n")
        write_atomically(csp_conf, csp.nginx_include())
        swap_into_place(new, site, old)
        step.note(f"{site}; CSP include {csp_conf}")
    log(f"Content-Security-Policy: {csp.POLICY}")
    log(f"published {site} in {time.monotonic() - started:.1f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.publish", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1],
                        help="project directory (holds mkdocs.yml; default: the one this script belongs to)")
    parser.add_argument("--site-dir", type=Path, help="published directory (default: PROJECT/site)")
    parser.add_argument("--csp-conf", type=Path,
                        help="generated nginx include (default: PROJECT/deploy/generated/csp.conf)")
    parser.add_argument("--quick", action="store_true", help="skip the translation and link checks")
    parser.add_argument("--no-translations-check", dest="translations", action="store_false",
                        help="skip only the translations check (tests of other steps; never for a release)")
    parser.add_argument("--downloads", action="store_true",
                        help="also make the PDFs and the offline copy (needs chromium) and link them from the pages")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    site = (args.site_dir or project / "site").absolute()
    csp_conf = (args.csp_conf or project / "deploy" / "generated" / "csp.conf").absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    try:
        with publish_lock(site.parent):
            publish(project, site, csp_conf, args.quick, args.downloads, args.translations)
    except PublishError as exc:
        print(f"publish: FAILED — {exc}\npublish: {site} was left untouched.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
