"""A small HTTP server for a built site on 127.0.0.1 that answers like a production static host.

What it does that ``python -m http.server`` does not:

* gzip (level 6, like common nginx/CDN settings) for text types when the request says
  ``Accept-Encoding: gzip``, with ``Content-Encoding``, ``Vary`` and the compressed ``Content-Length``;
* ``Content-Type`` with ``charset=utf-8`` for text types, ``text/javascript`` for scripts,
  ``font/woff2`` for fonts;
* ``/dir`` redirects to ``/dir/``, ``/dir/`` serves ``dir/index.html``;
* a missing path gets status 404 with ``ru/404.html`` under ``/ru/`` and ``404.html`` elsewhere
  (whichever of them exists);
* ``Cache-Control: max-age=600`` (what GitHub Pages sends).

The one static server of the project: the browser tests (tests/conftest.py, fixture ``served_site``)
and the benchmarks (bench/serve.py) use it. From Python (``with running(site_dir) as server: …``,
``server.base_url``) or from a shell::

    .venv/bin/python -m deploy.devserver site/ --port 8001
"""

from __future__ import annotations

import argparse
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

HOST = "127.0.0.1"
GZIP_LEVEL = 6
LANGUAGE_PREFIXES = ("ru",)  # /ru/… gets ru/404.html

TYPES: dict[str, str] = {
    ".html": "text/html", ".htm": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".mjs": "text/javascript", ".json": "application/json", ".map": "application/json",
    ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml",
    ".webmanifest": "application/manifest+json", ".ico": "image/x-icon", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".avif": "image/avif", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
    ".otf": "font/otf", ".eot": "application/vnd.ms-fontobject", ".pdf": "application/pdf",
    ".zip": "application/zip", ".gz": "application/gzip", ".wasm": "application/wasm",
}
# Types a production host compresses (and that get a charset when they are text).
COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/json", "application/xml",
                "text/plain", "image/svg+xml", "application/manifest+json", "image/x-icon",
                "font/ttf", "font/otf", "application/vnd.ms-fontobject", "application/wasm"}
TEXTUAL = {"text/html", "text/css", "text/javascript", "application/json", "application/xml",
           "text/plain", "image/svg+xml", "application/manifest+json"}


def content_type(path: Path) -> str:
    """The Content-Type header for a file, with ``charset=utf-8`` for text."""
    mime = TYPES.get(path.suffix.lower(), "application/octet-stream")
    return f"{mime}; charset=utf-8" if mime in TEXTUAL else mime


@lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """Compressed body, cached per file version (the key includes mtime and size)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)


def _accepts_gzip(header: str | None) -> bool:
    """True when an Accept-Encoding header allows gzip (``gzip``, ``gzip;q=0.5``, ``*``; not ``q=0``)."""
    for part in (header or "").split(","):
        name, *params = (piece.strip() for piece in part.split(";"))
        if name.lower() not in ("gzip", "*"):
            continue
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        return quality > 0
    return False


class SiteHandler(BaseHTTPRequestHandler):
    """Serves files of ``server.root`` (a built site) read-only, GET and HEAD only."""

    server: SiteServer
    server_version = "guide-devserver/1"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            super().log_message(format, *args)

    def _respond(self, *, send_body: bool) -> None:
        url_path = unquote(urlsplit(self.path).path) or "/"
        target = self._resolve(url_path)
        if isinstance(target, str):  # a redirect
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            self.server.record(url_path, 301)
            return
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = self._not_found_page(url_path)
        self.server.record(url_path, int(status))
        if target is None:
            body, mime, encoded = b"404 Not Found\n", "text/plain; charset=utf-8", False
        else:
            mime = content_type(target)
            encoded = mime.split(";")[0] in COMPRESSIBLE and _accepts_gzip(self.headers.get("Accept-Encoding"))
            if encoded:
                stat = target.stat()
                body = _gzipped(str(target), stat.st_mtime_ns, stat.st_size)
            else:
                body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", mime)
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        if target is not None and mime.split(";")[0] in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _resolve(self, url_path: str) -> Path | str | None:
        """The file for a URL path, a redirect location (str), or None when there is none."""
        root = self.server.root
        candidate = (root / url_path.lstrip("/")).resolve()
        if candidate != root and root not in candidate.parents:
            return None  # outside the site (../ tricks)
        if candidate.is_dir():
            if not url_path.endswith("/"):
                return url_path + "/"
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None

    def _not_found_page(self, url_path: str) -> Path | None:
        first = url_path.strip("/").split("/", 1)[0]
        pages = [self.server.root / first / "404.html"] if first in LANGUAGE_PREFIXES else []
        pages.append(self.server.root / "404.html")
        return next((page for page in pages if page.is_file()), None)


class SiteServer(ThreadingHTTPServer):
    """A threading server that also remembers which paths it answered with which status."""

    daemon_threads = True

    def __init__(self, root: Path, port: int = 0, verbose: bool = False) -> None:
        self.root = root.resolve()
        self.verbose = verbose
        self.log: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        super().__init__((HOST, port), SiteHandler)

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self.log.append((path, status))

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


@contextmanager
def running(site_dir: Path, port: int = 0) -> Iterator[SiteServer]:
    """Serve ``site_dir`` on 127.0.0.1 (a free port unless given) for the duration of the block."""
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"{site_dir}/index.html: not a built site")
    server = SiteServer(site_dir, port)
    thread = threading.Thread(target=server.serve_forever, name="guide-devserver", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, nargs="?", default=Path("site"), help="built site (default: site/)")
    parser.add_argument("--port", type=int, default=8001, help="port on 127.0.0.1 (default: 8001)")
    args = parser.parse_args()
    server = SiteServer(args.site_dir, args.port, verbose=True)
    print(f"Serving {server.root} at {server.base_url} (gzip, 404 pages per language); Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
