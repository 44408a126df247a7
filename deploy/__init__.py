"""Publishing the guide: build, check and install `site/` (run `python -m deploy.publish`, or `make publish`).

One concern per module:

    publish.py      command line and the order of the steps (the only module that runs them)
    progress.py     step counter with per-step times; PublishError
    epoch.py        SOURCE_DATE_EPOCH: the date every reproducible file carries
    build.py        subprocesses: translations check, strict MkDocs builds
    downloads.py    PDFs of the one-page Guide (printed by chromium) and the offline copy (zip)
    htmlscan.py     one HTML parser for every check: ids, links, inline code
    linkcheck.py    every internal link, asset, fragment and sitemap entry resolves
    fingerprint.py  patched theme assets get a name from their own bytes
    compress.py     .gz next to every text file, byte-identical on every run
    csp.py          the fixed Content-Security-Policy and the check that the pages satisfy it
    swap.py         atomic exchange of the new site with site/, one publish at a time
    chromium.py     Debian's chromium: where it is and the flags every start uses (PDFs, tests, bench)
    devserver.py    a static server for a built site with a 404 page per language (tests, bench)

Standard library only, so `make publish` works from any checkout with the locked .venv.
"""
