"""Read a text file as UTF-8, or fail naming the file, the line and byte, and the fix.

Translators on Windows sometimes save a Russian page as Windows-1251; Python's bare
``UnicodeDecodeError`` names neither the file nor the place.
"""

from __future__ import annotations

from pathlib import Path

from .errors import GuideError


def read_utf8(path: Path, display: str) -> str:
    """The file's text (a leading byte-order mark dropped, line endings normalised to \\n)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise GuideError(display, None, "", "file not found", f"create {display}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise GuideError(
            display, line, "",
            f"not valid UTF-8 (byte {exc.start}, value 0x{raw[exc.start]:02x}); it was probably saved as "
            "Windows-1251 or another legacy encoding",
            "save the file as UTF-8 (your editor's \"Save with encoding\" → UTF-8)",
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")
