"""HTML pages: the visible text, block elements on their own lines, tables as layout.table_lines gives them; a
saved legal-portal page (loaders.portal_html) as the document's own content, fields and lists.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from . import layout, legacy_vn, portal_html
from .files import fail
from .plain import BOMS

__all__ = ["read_html", "read_html_page"]


_DROP = ("script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button", "select")
_BLOCKS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "title",
        "ul",
    )
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WS = re.compile(r"\s+")
_LINE = "\u2028"  # a line break inside a table cell, while its text is collected


def _html_charset(name: str, data: bytes) -> str | None:
    """The charset a BOM or a meta tag declares, else None."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            return enc
    m = _META_CHARSET.search(data[:4096])
    if m:
        label = m.group(1).decode("ascii", "replace").lower()
        try:
            enc = codecs.lookup(label).name
        except LookupError as e:
            raise fail(name, f"unknown charset {label!r} in the HTML meta tag") from e
        # pages that say UTF-16 in a meta tag but were read as bytes are in fact ASCII-compatible
        return "utf-8" if enc.startswith("utf-16") else enc
    return None


def read_html(name: str, data: bytes) -> str:
    return read_html_page(name, data)[0]


def read_html_page(name: str, data: bytes) -> tuple[str, portal_html.Page | None]:
    """The visible text of an HTML file; of a saved portal page (loaders.portal_html) only the document's own
    content, with the page itself (its fields and curated lists)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_markup(name, data), "html.parser")
    page = portal_html.read_page(soup)
    for t in soup.find_all(_DROP):
        t.decompose()
    text = _Lines()
    for root in page.content if page is not None else [soup]:
        if root.name == "table":
            text.table(root)
        else:
            text.walk(root)
        text.flush()
    return "\n".join(text.lines), page


def _markup(name: str, data: bytes) -> str:
    """The page's markup as text: the charset a BOM or meta tag declares, else UTF-8, else legacy Vietnamese."""
    if not data.strip():
        raise fail(name, "empty file")
    declared = _html_charset(name, data)
    enc = declared or "utf-8"
    try:
        markup = data.decode(enc)
    except UnicodeDecodeError as e:
        legacy = None if declared else legacy_vn.decode(data)
        if legacy is None:
            raise fail(name, f"not valid {enc} HTML (byte 0x{data[e.start]:02x} at offset {e.start})") from e
        markup = legacy[0]
    markup = markup.lstrip("\ufeff")
    if "\x00" in markup:
        raise fail(name, "binary file, not HTML")
    return markup


class _Lines:
    """The lines of a page's visible text, as its elements are walked: block elements on lines of their own,
    tables as layout.table_lines lays them out."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def flush(self) -> None:
        line = _WS.sub(" ", "".join(self.buf)).strip()
        self.buf.clear()
        if line:
            self.lines.append(line)

    @staticmethod
    def cell_lines(cell: Any) -> list[str]:
        """A table cell's lines: a line break is <br> or a block element; white space in the markup is a space."""
        for br in cell.find_all("br"):
            br.replace_with(_LINE)
        for blk in cell.find_all(_BLOCKS):
            blk.insert_before(_LINE)
            blk.insert_after(_LINE)
        return [ln for ln in (_WS.sub(" ", x).strip() for x in cell.get_text("").split(_LINE)) if ln]

    def table(self, t: Any) -> None:
        self.flush()
        for cap in t.find_all("caption", recursive=False):
            self.buf.append(cap.get_text(" "))
            self.flush()
        rows = [
            [self.cell_lines(c) for c in tr.find_all(("td", "th"), recursive=False)]
            for tr in t.find_all("tr")
            if tr.find_parent("table") is t
        ]
        self.lines.extend(layout.table_lines(rows))

    def walk(self, root: Any) -> None:
        """The text under `root`, iteratively: pages with unclosed tags nest thousands deep."""
        from bs4.element import NavigableString, Tag

        stack: list[tuple[Any, bool]] = [(iter(root.children), False)]
        while stack:
            child = next(stack[-1][0], None)
            if child is None:
                if stack.pop()[1]:
                    self.flush()
            elif isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype, CDATA, ...
                    self.buf.append(str(child))
            elif isinstance(child, Tag) and (inner := self.element(child)) is not None:
                stack.append(inner)

    def element(self, el: Any) -> tuple[Any, bool] | None:
        """Take an element: a line break, a table, preformatted text; else its children to walk (and whether it
        is a block, whose end ends a line)."""
        tag = el.name
        if tag == "br":
            self.flush()
        elif tag == "table":
            self.table(el)
        elif tag == "pre":
            self.flush()
            for ln in el.get_text().split("\n"):
                self.buf.append(ln)
                self.flush()
        else:
            block = tag in _BLOCKS
            if block:
                self.flush()
            return iter(el.children), block
        return None
