"""Material upgrades never silently drop upstream changes.

Most overrides extend Material's blocks with {{ super() }}. Where a partial has no block to extend
(header, navigation item, table of contents, the inline-script partials moved to a file for the
CSP) our file replaces Material's, or where a block is replaced whole (main.html's site_meta), the
upstream file it was written against is pinned here by its checksum. After a Material upgrade this
test fails and names the file to compare; update the checksum once the override has been reviewed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import material
import pytest

from conftest import PROJECT

UPSTREAM = Path(material.__file__).parent / "templates"

# our override → (Material's file it follows, sha256 of that file when the override was reviewed)
PINNED = {
    "overrides/partials/header.html": ("partials/header.html", "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f"),
    "overrides/partials/nav-item.html": ("partials/nav-item.html", "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7"),
    "overrides/partials/toc.html": ("partials/toc.html", "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84"),
    "overrides/partials/search.html": ("partials/search.html", "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"),
    "overrides/partials/javascripts/base.html": ("partials/javascripts/base.html", "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6"),
    "overrides/partials/javascripts/content.html": ("partials/javascripts/content.html", "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf"),
    "overrides/partials/javascripts/palette.html": ("partials/javascripts/palette.html", "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5"),
    "overrides/main.html": ("base.html", "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb"),
}


def test_every_replacing_override_is_pinned() -> None:
    replacing = {p.relative_to(PROJECT).as_posix() for p in (PROJECT / "overrides" / "partials").rglob("*.html")}
    assert replacing <= set(PINNED), f"pin these overrides to their Material file: {sorted(replacing - set(PINNED))}"


@pytest.mark.parametrize("override", sorted(PINNED))
def test_material_file_is_the_one_the_override_was_written_against(override: str) -> None:
    upstream, expected = PINNED[override]
    actual = hashlib.sha256((UPSTREAM / upstream).read_bytes()).hexdigest()
    assert actual == expected, (
        f"Material's {upstream} changed since {override} was written: compare the two, carry over "
        f"upstream changes, then set its checksum in tests/test_overrides.py to {actual}"
    )


def test_main_template_extends_materials_blocks() -> None:
    text = (PROJECT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert text.lstrip().startswith("{#") or text.startswith("{% extends")
    assert '{% extends "base.html" %}' in text
    assert "{{ super() }}" in text


def test_theme_files_listed_without_hidden_folders_are_the_ones_mkdocs_takes() -> None:
    """hooks/theme_files.py: the theme's static files MkDocs finds are the same when its loader skips
    hidden folders (Material's .icons), and that listing is much shorter."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from guidekit.theme import without_hidden_listing

    config = load_config(str(PROJECT / "mkdocs.yml"))
    stock, pruned = Files([]), Files([])
    stock.add_files_from_theme(config.theme.get_env(), config)
    pruned.add_files_from_theme(without_hidden_listing(config.theme.get_env()), config)
    assert sorted(f.src_uri for f in pruned) == sorted(f.src_uri for f in stock)
    assert any(f.src_uri.startswith("assets/javascripts/bundle.") for f in stock)
    listed = without_hidden_listing(config.theme.get_env()).list_templates()
    assert len(listed) * 10 < len(config.theme.get_env().list_templates())
    assert not any(part.startswith(".") for name in listed for part in name.split("/"))
