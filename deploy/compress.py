"""Precompressed `.gz` next to every text file, for nginx's gzip_static: level 9, no name, mtime 0,
so two publishes of one commit write the same bytes."""

from __future__ import annotations

import contextlib
import gzip
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"}


def precompress(site: Path) -> int:
    """Write `<file>.gz` for every text file it makes smaller; the number written."""
    written = 0
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        target = path.with_name(path.name + ".gz")
        if target.is_file():   # MkDocs' sitemap.xml.gz: keep it when it holds the same text
            with contextlib.suppress(OSError, EOFError, gzip.BadGzipFile):
                if gzip.decompress(target.read_bytes()) == data:
                    continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if len(packed) < len(data):
            target.write_bytes(packed)
            written += 1
        elif target.is_file():
            target.unlink()
    return written
