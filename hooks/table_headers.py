"""Hook: a table's empty top-left header cell becomes a data cell.

A Markdown table whose first column holds row labels often has nothing above them
(`|  | On-site plan | Off-site plan |`). Python-Markdown makes that an empty <th>: a header that
names nothing, which screen readers announce and axe reports (empty-table-header). An empty <td>
in the header row is what the cell is. Done on the element tree Markdown builds (a treeprocessor),
not on HTML text."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig


class EmptyCornerCells(Treeprocessor):
    def run(self, root: Element) -> None:
        for row in root.iterfind(".//table/thead/tr"):
            cells = list(row)
            if cells and cells[0].tag == "th" and not (cells[0].text or "").strip() and not len(cells[0]):
                cells[0].tag = "td"


class EmptyCornerCellsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        md.treeprocessors.register(EmptyCornerCells(md), "ca_empty_corner_cells", 0)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not any(isinstance(ext, EmptyCornerCellsExtension) for ext in config.markdown_extensions):
        config.markdown_extensions.append(EmptyCornerCellsExtension())
    return config
