"""Pages saved from the legal portals as HTML (vbpl.vn, thuvienphapluat.vn, luatvietnam.vn): which page it
is, the document's own content, the attribute table as metadata fields, and the portal's curated related lists.

:func:`read_page` recognises the page by the markers each portal writes (vbpl.vn's tab bar and address, the
marks of loaders.portal.SITES) and returns a :class:`Page`: the elements that hold the document's own content
(for html_text.read_html to render), its attribute table as ``fields`` (loaders.portal.FIELD_LABELS) and the
curated lists as loaders.portal.Related items, each heading's group of links (loaders.portal.HEADINGS).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .portal import (
    FIELD_LABELS,
    HEADINGS,
    SITES,
    PageKind,
    Related,
    Site,
    fold,
    heading_text,
    link_heading,
    put_field,
    split_type,
)

if TYPE_CHECKING:
    from bs4 import BeautifulSoup
    from bs4.element import Tag

_SIGNED_BY = "cơ quan ban hành/ chức danh / người ký"


@dataclass
class Page:
    """A recognised portal page: its kind, the elements of the document's own content (empty when the page
    holds none), the attribute fields and the curated related lists."""

    kind: PageKind
    content: list[Tag] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    related: list[Related] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------ helpers

_WS = re.compile(r"\s+")


def _text(el: Tag) -> str:
    return _WS.sub(" ", el.get_text(" ")).strip()


def _within(el: Tag, ancestor: Tag) -> bool:
    """Is `ancestor` one of `el`'s parents (by identity: bs4 compares tags by their markup)?"""
    return any(p is ancestor for p in el.parents)


def _find(soup: Tag, name: str | None = None, cls: str | None = None, id_: str | None = None) -> Tag | None:
    """The first element of that name (any when None), class and id."""
    from bs4.element import Tag

    sel = (name or "") + (f".{cls}" if cls else "") + (f"[id='{id_}']" if id_ else "")
    el = soup.select_one(sel or "*")
    return el if isinstance(el, Tag) else None


# ------------------------------------------------------------------------------------------ recognition

_VBPL_TABS: dict[str, PageKind] = {
    "toàn văn": "vbpl_toanvan",
    "thuộc tính": "vbpl_thuoctinh",
    "lược đồ": "vbpl_luocdo",
    "vb liên quan": "vbpl_lienquan",
    "văn bản liên quan": "vbpl_lienquan",
    "lịch sử": "vbpl_lichsu",
    "văn bản hợp nhất": "vbpl_hopnhat",
    "vb hợp nhất": "vbpl_hopnhat",
}
_VBPL_URL = re.compile(r"vbpq-(toanvan|thuoctinh|luocdo|vanbanlienquan|lichsu|hopnhat)", re.IGNORECASE)
_VBPL_URL_KIND: dict[str, PageKind] = {
    "toanvan": "vbpl_toanvan",
    "thuoctinh": "vbpl_thuoctinh",
    "luocdo": "vbpl_luocdo",
    "vanbanlienquan": "vbpl_lienquan",
    "lichsu": "vbpl_lichsu",
    "hopnhat": "vbpl_hopnhat",
}


def _canonical(soup: BeautifulSoup) -> str:
    """The page's own address: a canonical link or og:url (a saved page keeps them)."""
    for el in soup.find_all(("link", "meta")):
        rel, prop = el.get("rel"), el.get("property")
        if (rel and "canonical" in rel) or prop == "og:url":
            return str(el.get("href") or el.get("content") or "")
    return ""


def _vbpl_kind(soup: BeautifulSoup) -> PageKind | None:
    """vbpl.vn: the selected tab of div.box-tab-vb (its <a class="selected">), else the canonical address
    (vbpq-toanvan.aspx, vbpq-thuoctinh.aspx, vbpq-luocdo.aspx, vbpq-vanbanlienquan.aspx, ...)."""
    box = _find(soup, "div", cls="box-tab-vb")
    if box is not None:
        sel = box.select_one("div.header a.selected")
        if sel is not None and (kind := _VBPL_TABS.get(fold(_text(sel)))):
            return kind
        if sel is not None and (m := _VBPL_URL.search(str(sel.get("href") or ""))):
            return _VBPL_URL_KIND[m.group(1).lower()]
    url = _canonical(soup)
    if "vbpl" in url and (m := _VBPL_URL.search(url)):
        return _VBPL_URL_KIND[m.group(1).lower()]
    if box is not None or soup.select_one("div.vbLuocDo, div.vbLuocdo, div.vbLienQuan ul.listVB"):
        if _find(soup, "div", id_="toanvancontent") is not None:
            return "vbpl_toanvan"
        if soup.select_one("div.vbLuocDo, div.vbLuocdo"):
            return "vbpl_luocdo"
        if soup.select_one("div.vbLienQuan ul.listVB"):
            return "vbpl_lienquan"
        if soup.select_one("div.vbProperties"):
            return "vbpl_thuoctinh"
    return None


def _on_site(soup: BeautifulSoup, site: Site, url: str) -> bool:
    """Is `soup` a page of `site`: all its marks are there, or its address is the site's and its content is."""
    if all(soup.select_one(m) is not None for m in site.marks):
        return True
    return site.host in url and soup.select_one(", ".join(site.content)) is not None


def page_kind(soup: BeautifulSoup) -> PageKind | None:
    """Which portal page `soup` is, or None when it is not one (see the module docstring).

    vbpl.vn: the tab bar div.box-tab-vb and its selected tab, or the address; the other portals: their marks
    or their address and content (:data:`SITES`).
    """
    if kind := _vbpl_kind(soup):
        return kind
    url = _canonical(soup)
    return next((site.kind for site in SITES if _on_site(soup, site, url)), None)


# ------------------------------------------------------------------------------------------- attributes


def _label_rows(table: Tag, out: dict[str, str]) -> None:
    """An attribute table: label / value pairs along each row ("Số ký hiệu | 100/2015/QH13 | Ngày ban hành |
    27/11/2015"); the "Cơ quan ban hành/ Chức danh / Người ký" row holds body, title and signer."""
    for tr in table.find_all("tr"):
        cells = [_text(c) for c in tr.find_all(("td", "th"), recursive=False)]
        cells = [c for c in cells if c]
        if not cells:
            continue
        if fold(cells[0]) == _SIGNED_BY:
            put_field(out, "cơ quan ban hành", cells[1] if len(cells) > 1 else "")
            put_field(out, "người ký", cells[-1] if len(cells) > 2 else "")
            continue
        if len(cells) == 1 and ":" in cells[0]:  # "Tình trạng hiệu lực: Còn hiệu lực"
            k, v = cells[0].split(":", 1)
            put_field(out, k, v)
            continue
        for i in range(len(cells) - 1):
            if FIELD_LABELS.get(fold(cells[i])):
                put_field(out, cells[i], cells[i + 1])


def _info_items(box: Tag | None, out: dict[str, str]) -> None:
    """vbpl.vn's div.vbInfo: "Hiệu lực: Còn hiệu lực", "Ngày có hiệu lực: 01/01/2014"."""
    if box is None:
        return
    for li in box.find_all("li"):
        t = _text(li)
        if ":" in t:
            k, v = t.split(":", 1)
            put_field(out, k, v)


def _breadcrumb(soup: BeautifulSoup, out: dict[str, str]) -> None:
    """vbpl.vn's div.box-map: its last item names the page's document, "Bộ luật 100/2015/QH13"."""
    items = soup.select("div.box-map li")
    if not items:
        return
    type_word, rest = split_type(_text(items[-1]))
    if type_word:
        put_field(out, "loại văn bản", type_word)
    from .symbols import parse

    if rest and parse(rest.split(" ")[0]) is not None:
        put_field(out, "số hiệu", rest.split(" ")[0])


def vbpl_fields(soup: BeautifulSoup) -> dict[str, str]:
    """The attribute fields of a vbpl.vn page: div.vbProperties (its title row is the "trích yếu"), the
    div.vbInfo status line, then the breadcrumb."""
    out: dict[str, str] = {}
    props = soup.select_one("div.vbProperties table")
    if props is not None:
        title = props.select_one("td.title")
        if title is not None and ":" not in _text(title):
            put_field(out, "trích yếu", _text(title))
        _label_rows(props, out)
    _info_items(_find(soup, "div", cls="vbInfo"), out)
    _breadcrumb(soup, out)
    return out


# ------------------------------------------------------------------------------------------ related lists


def _items(group: Tag, heading: Tag) -> Iterator[str]:
    """The names a list group holds: each link's title attribute (vbpl.vn's a.jTips), else its text; links
    inside the heading itself are not items."""
    seen: set[str] = set()
    for a in group.find_all("a"):
        if heading is a or _within(a, heading) or _within(heading, a):
            continue
        name = _WS.sub(" ", str(a.get("title") or "") or _text(a)).strip()
        if len(name) > 3 and name not in seen:
            seen.add(name)
            yield name


_HEADING_TAGS = ("td", "th", "div", "h2", "h3", "h4", "h5", "p", "span", "strong", "b", "a", "li", "dt", "legend")


def _headings(region: Tag) -> list[tuple[Tag, str, int | None]]:
    """The heading elements of a region: the innermost element whose whole text is a heading wording."""
    found: list[tuple[Tag, str, int | None]] = []
    for el in region.find_all(_HEADING_TAGS):
        if next(itertools.islice(el.descendants, 12, None), None) is not None:
            continue  # a heading is a few words in an element or two: no need to read a large block's text
        t = _text(el)
        if len(t) > 80:
            continue
        h = link_heading(t)
        if h is None:
            continue
        # keep the outermost element whose text is the heading (a td, not the a inside it)
        if found and _within(el, found[-1][0]):
            continue
        found.append((el, h[0], h[1]))
    return found


def related_lists(region: Tag | None) -> list[Related]:
    """The curated lists of a region: each heading's group is the largest element around it that holds no
    other heading (a table row, a div.luocdo, a section); its links are the list's items."""
    if region is None:
        return []
    heads = _headings(region)
    out: list[Related] = []
    for el, key, count in heads:
        if count == 0:
            continue
        group = el
        while (
            group.parent is not None
            and group.parent is not region
            and not any(other is not el and _within(other, group.parent) for other, _, _ in heads)
        ):
            group = group.parent
        names = list(_items(group, el)) or list(_following(group, {id(h) for h, _, _ in heads}))
        out.extend(Related(heading_text(_text(el)), HEADINGS[key], name) for name in names)
    return out


def _following(el: Tag, heads: set[int]) -> Iterator[str]:
    """The items of a heading that stands alone among its siblings ("<h3>…</h3><ul>…</ul><h3>…"): the links
    of the siblings after it, up to the next heading."""
    from bs4.element import Tag

    for sib in el.next_siblings:
        if not isinstance(sib, Tag):
            continue
        if id(sib) in heads or any(id(d) in heads for d in sib.find_all(True)):
            return
        yield from _items(sib, el)


# ------------------------------------------------------------------------------------------------ pages


def _vbpl_page(soup: BeautifulSoup, kind: PageKind) -> Page:
    page = Page(kind, fields=vbpl_fields(soup))
    if kind == "vbpl_toanvan":
        body = _find(soup, "div", id_="toanvancontent")
        if body is not None and body.parent is not None:
            page.content = [body.parent]
        # the related boxes under the text (div.vbLienQuan) are the portal's, not the document's
        page.related = related_lists(soup.select_one("div.vbLienQuan"))
    # a "thuộc tính" page holds no text: its attribute table is read as fields (its title row rendered as
    # text would read as a citation of the document by itself)
    elif kind in ("vbpl_luocdo", "vbpl_lienquan", "vbpl_hopnhat"):
        region = soup.select_one("div.vbLuocDo, div.vbLuocdo, div.vbLienQuan, div.vbHopNhat") or _find(
            soup, "div", cls="box-tab-vb"
        )
        page.related = related_lists(region)
        current = region.select_one("div.titleht") if region is not None else None
        if current is not None and (name := next(iter(_items(current.parent or current, current)), None)):
            put_field(page.fields, "trích yếu", name)
    return page


def _site_page(soup: BeautifulSoup, site: Site) -> Page:
    """A page of one of :data:`SITES`: the first of its content elements, the attribute box's title and tables
    as fields, the curated lists of its lists region."""
    page = Page(site.kind)
    content = next((el for sel in site.content if (el := soup.select_one(sel)) is not None), None)
    page.content = [content] if content is not None else []
    info = soup.select_one(site.info)
    if info is not None:
        title = info.select_one(site.title)
        if title is not None:
            put_field(page.fields, "trích yếu", _text(title))
        for t in info.find_all("table"):
            _label_rows(t, page.fields)
    page.related = related_lists(soup.select_one(site.related))
    return page


def read_page(soup: BeautifulSoup) -> Page | None:
    """The portal page `soup` holds, or None when it is not a portal page."""
    kind = page_kind(soup)
    if kind is None:
        return None
    site = next((s for s in SITES if s.kind == kind), None)
    return _site_page(soup, site) if site is not None else _vbpl_page(soup, kind)
