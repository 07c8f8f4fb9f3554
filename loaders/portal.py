"""What the legal portals (vbpl.vn, thuvienphapluat.vn, luatvietnam.vn) write, whichever form their page is
saved in: the page kinds, the headings of their curated related lists, the labels of their attribute fields,
the type words of the names they list, and the portals other than vbpl.vn (:data:`SITES`).

A portal page wraps one document in menus, search boxes, footers, advertisements and boxes of "related
documents"; none of that is the document's text. loaders.portal_html reads such a page saved as HTML,
loaders.portal_text the text a browser gives when it is saved as text or copied; both give its attribute
fields (lower-case Vietnamese keys, :data:`FIELD_LABELS`: "số hiệu", "loại văn bản", "ngày ban hành", "ngày
có hiệu lực", "cơ quan ban hành", "người ký", "tình trạng hiệu lực", "trích yếu") and its curated lists as
:class:`Related` items: a heading's wording (:data:`HEADINGS`) gives the relation and its direction from the
page's document's point of view; a heading with a count "(0)" has no items. loaders.portal_links makes the
items relations.

>>> link_heading("Văn bản bị hết hiệu lực 1 phần (0)")
('văn bản bị hết hiệu lực 1 phần', 0)
>>> HEADINGS["văn bản hướng dẫn"]
Heading(type='IMPLEMENTS', kind='implements', direction='in', scope=None)
>>> HEADINGS["văn bản căn cứ"].direction
'out'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, NamedTuple

from .models import RelationKind, RelationType

#: the page kinds recognised
PageKind = Literal[
    "vbpl_toanvan",
    "vbpl_thuoctinh",
    "vbpl_luocdo",
    "vbpl_lienquan",
    "vbpl_hopnhat",
    "vbpl_lichsu",
    "thuvienphapluat",
    "luatvietnam",
]
#: "out": the page's document -TYPE-> the listed one; "in": the listed one -TYPE-> the page's document
Direction = Literal["out", "in"]


class Heading(NamedTuple):
    """What a curated list's heading states: the relation, its refinement, its direction, the part touched."""

    type: RelationType | None  # None: the list states no relation (same subject, history)
    kind: RelationKind | None
    direction: Direction
    scope: str | None = None


_OUT: Direction = "out"
_IN: Direction = "in"
_PART = "một phần"


def _h(
    type_: RelationType | None, kind: RelationKind | None, direction: Direction, scope: str | None = None
) -> Heading:
    return Heading(type_, kind, direction, scope)


#: every heading wording the portals write (lower case, "1 phần" and "một phần" both), from the page's
#: document's point of view: "Văn bản được hướng dẫn" lists what the page's document guides (out), "Văn bản
#: hướng dẫn" what guides it (in).
HEADINGS: dict[str, Heading] = {
    # guidance, detailed rules
    "văn bản được hướng dẫn": _h("IMPLEMENTS", "implements", _OUT),
    "văn bản được hd, qđ chi tiết": _h("IMPLEMENTS", "implements", _OUT),
    "văn bản được quy định chi tiết": _h("IMPLEMENTS", "implements", _OUT),
    "văn bản hướng dẫn": _h("IMPLEMENTS", "implements", _IN),
    "văn bản hd, qđ chi tiết": _h("IMPLEMENTS", "implements", _IN),
    "văn bản quy định chi tiết": _h("IMPLEMENTS", "implements", _IN),
    # legal basis
    "văn bản căn cứ": _h("IMPLEMENTS", "based_on", _OUT),
    "văn bản được căn cứ": _h("IMPLEMENTS", "based_on", _IN),
    # amendment
    "văn bản bị sửa đổi bổ sung": _h("SUPERSEDES", "amends", _OUT),
    "văn bản được sửa đổi bổ sung": _h("SUPERSEDES", "amends", _OUT),
    "văn bản được sửa đổi": _h("SUPERSEDES", "amends", _OUT),
    "văn bản được bổ sung": _h("SUPERSEDES", "amends", _OUT),
    "văn bản sửa đổi bổ sung": _h("SUPERSEDES", "amends", _IN),
    "văn bản sửa đổi": _h("SUPERSEDES", "amends", _IN),
    "văn bản bổ sung": _h("SUPERSEDES", "amends", _IN),
    # replacement
    "văn bản bị thay thế": _h("SUPERSEDES", "replaces", _OUT),
    "văn bản bị thay thế 1 phần": _h("SUPERSEDES", "replaces", _OUT, _PART),
    "văn bản thay thế": _h("SUPERSEDES", "replaces", _IN),
    "văn bản thay thế 1 phần": _h("SUPERSEDES", "replaces", _IN, _PART),
    # loss of force
    "văn bản hết hiệu lực": _h("SUPERSEDES", "repeals", _OUT),
    "văn bản bị hết hiệu lực": _h("SUPERSEDES", "repeals", _OUT),
    "văn bản bị hết hiệu lực 1 phần": _h("SUPERSEDES", "repeals", _OUT, _PART),
    "văn bản hết hiệu lực 1 phần": _h("SUPERSEDES", "repeals", _OUT, _PART),
    "văn bản quy định hết hiệu lực": _h("SUPERSEDES", "repeals", _IN),
    "văn bản quy định hết hiệu lực 1 phần": _h("SUPERSEDES", "repeals", _IN, _PART),
    "văn bản bị bãi bỏ": _h("SUPERSEDES", "repeals", _OUT),
    "văn bản bị bãi bỏ 1 phần": _h("SUPERSEDES", "repeals", _OUT, _PART),
    "văn bản bãi bỏ": _h("SUPERSEDES", "repeals", _IN),
    "văn bản bãi bỏ 1 phần": _h("SUPERSEDES", "repeals", _IN, _PART),
    # suspension: the suspended document loses force while it lasts
    "văn bản bị đình chỉ": _h("SUPERSEDES", "repeals", _OUT),
    "văn bản bị đình chỉ 1 phần": _h("SUPERSEDES", "repeals", _OUT, _PART),
    "văn bản đình chỉ": _h("SUPERSEDES", "repeals", _IN),
    "văn bản đình chỉ 1 phần": _h("SUPERSEDES", "repeals", _IN, _PART),
    # references
    "văn bản dẫn chiếu": _h("CITES", None, _OUT),
    "văn bản được dẫn chiếu": _h("CITES", None, _IN),
    "văn bản bị đính chính": _h("CITES", None, _OUT),
    "văn bản đính chính": _h("CITES", None, _IN),
    # consolidation: the consolidated text (N/VBHN-XXX) consolidates the page's document
    "văn bản hợp nhất": _h("CITES", None, _IN),
    # lists that state no relation between the two
    "văn bản liên quan cùng nội dung": _h(None, None, _OUT),
    "văn bản liên quan khác": _h(None, None, _OUT),
    "văn bản liên quan": _h(None, None, _OUT),
    "văn bản hiện thời": _h(None, None, _OUT),
    "văn bản gốc": _h(None, None, _OUT),
    "văn bản tiếng anh": _h(None, None, _OUT),
}

#: field label as the portals write it (folded as by :func:`fold`) -> the field's key
FIELD_LABELS: dict[str, str] = {
    "số hiệu": "số hiệu",
    "số ký hiệu": "số hiệu",
    "số, ký hiệu": "số hiệu",
    "số văn bản": "số hiệu",
    "loại văn bản": "loại văn bản",
    "ngày ban hành": "ngày ban hành",
    "ngày ký": "ngày ban hành",
    "ngày có hiệu lực": "ngày có hiệu lực",
    "ngày hiệu lực": "ngày có hiệu lực",
    "hiệu lực từ": "ngày có hiệu lực",
    "ngày áp dụng": "ngày có hiệu lực",
    "áp dụng": "ngày có hiệu lực",
    "cơ quan ban hành": "cơ quan ban hành",
    "nơi ban hành": "cơ quan ban hành",
    "người ký": "người ký",
    "tình trạng hiệu lực": "tình trạng hiệu lực",
    "tình trạng": "tình trạng hiệu lực",
    "hiệu lực": "tình trạng hiệu lực",
    "ngày hết hiệu lực": "ngày hết hiệu lực",
    "trích yếu": "trích yếu",
    "tên văn bản": "trích yếu",
    "lĩnh vực": "lĩnh vực",
    "phạm vi": "phạm vi",
    "ngày đăng công báo": "ngày công báo",
    "ngày công báo": "ngày công báo",
    "số công báo": "số công báo",
    "nguồn thu thập": "nguồn thu thập",
}


@dataclass(frozen=True, slots=True)
class Related:
    """One entry of a curated list: the heading as written, what it states, and the listed document's name as
    the portal writes it ("Luật 12/2017/QH14 Sửa đổi, bổ sung một số điều của Bộ luật Hình sự")."""

    heading: str  # as written, without its count
    relation: Heading
    text: str


class Site(NamedTuple):
    """A portal other than vbpl.vn as its saved pages show it (CSS selectors): what marks a page as the
    portal's, where the document's own text, the attribute box (its title, its label / value tables) and the
    curated lists are; and how a text dump of its page names it."""

    kind: PageKind
    host: str  # in the page's address (canonical link, og:url)
    marks: tuple[str, ...]  # all there: the portal's page whatever its address
    content: tuple[str, ...]  # the document's own text: the first that matches
    info: str  # the attribute box
    title: str  # the title, inside the attribute box
    related: str  # the region of the curated lists
    named: re.Pattern[str]  # the portal's name in a text dump's first lines


#: the portals read besides vbpl.vn, one entry each (a new one: its entry here, its kind in :data:`PageKind`), in
#: the order they are recognised: a page is the portal's when all its marks are there, or when its address is
#: the portal's and its content is there
SITES: tuple[Site, ...] = (
    Site(
        kind="thuvienphapluat",
        host="thuvienphapluat",
        marks=("#divThuocTinh",),
        content=("#tab1 .content1", ".content1"),
        info="#divThuocTinh",
        title="h1",
        related="#tab4, #viewingDocument, div.luocdo-doc, #divLuocDo",
        named=re.compile(r"thuvienphapluat\.vn|THƯ VIỆN PHÁP LUẬT", re.IGNORECASE),
    ),
    Site(
        kind="luatvietnam",
        host="luatvietnam",
        # the text and the attribute box together: either class alone is common
        marks=(
            "div.the-document-body, div.vb-content, div.document-content-box",
            "div.the-document-entry, div.vb-info, div.document-info",
        ),
        content=("div.the-document-body, div.vb-content, div.document-content-box",),
        info="div.the-document-entry, div.vb-info, div.document-info",
        title="h1, .the-document-title",
        related="div.the-document-related, div.vb-lien-quan, div.luoc-do",
        named=re.compile(r"luatvietnam\.vn|LuatVietnam", re.IGNORECASE),
    ),
)


# ------------------------------------------------------------------------------------------------ helpers

_WS = re.compile(r"\s+")
_COUNT = re.compile(r"\s*\((\d+)\)\s*$")


def fold(s: str) -> str:
    """Lower case, NFC, one space; "một phần" written "1 phần", "sửa đổi, bổ sung" without the comma."""
    s = _WS.sub(" ", unicodedata.normalize("NFC", s)).strip().strip(":").strip().lower()
    return s.replace("một phần", "1 phần").replace("sửa đổi, bổ sung", "sửa đổi bổ sung")


def link_heading(text: str) -> tuple[str, int | None] | None:
    """A curated list's heading as (folded wording, the count it shows or None), or None when `text` is no
    heading the portals write."""
    count = None
    if m := _COUNT.search(text):
        count, text = int(m.group(1)), text[: m.start()]
    key = fold(text)
    return (key, count) if key in HEADINGS else None


def heading_text(text: str) -> str:
    """A heading as the page writes it, without its count: "Văn bản HD, QĐ chi tiết"."""
    return _COUNT.sub("", _WS.sub(" ", text)).strip().rstrip(":").strip()


def put_field(out: dict[str, str], label: str, value: str) -> None:
    """`value` into `out` under the key of `label` (:data:`FIELD_LABELS`) when `label` is a field's and the
    value states something ("Đang cập nhật" does not); a key's first value stays."""
    key = FIELD_LABELS.get(fold(label))
    value = _WS.sub(" ", value).strip()
    if key and value and key not in out and value.lower() not in ("đang cập nhật", "không xác định"):
        out[key] = value


_TYPE_WORDS = (
    "nghị quyết liên tịch",
    "thông tư liên tịch",
    "bộ luật",
    "luật",
    "pháp lệnh",
    "hiến pháp",
    "nghị quyết",
    "nghị định",
    "quyết định",
    "thông tư",
    "chỉ thị",
    "lệnh",
    "văn bản hợp nhất",
    "công văn",
    "kế hoạch",
    "thông báo",
    "sắc lệnh",
)


def split_type(name: str) -> tuple[str | None, str]:
    """A name as the portals write it in breadcrumbs and lists: (its type word, the rest).

    >>> split_type("Bộ luật 100/2015/QH13")
    ('Bộ luật', '100/2015/QH13')
    >>> split_type("Hiến pháp Không số")
    ('Hiến pháp', 'Không số')
    """
    low = name.lower()
    for w in _TYPE_WORDS:
        if low.startswith(w + " "):
            return name[: len(w)], name[len(w) :].strip()
    return None, name


def stand_in(fields: dict[str, str], kind: str) -> str:
    """The text of a page that holds no document text (attributes, lists): its symbol on a "Số:" line, so that
    the header step reads it as the document's own (the fields give the rest).

    >>> stand_in({"số hiệu": "100/2015/QH13"}, "vbpl_luocdo")
    '[vbpl_luocdo]\\nSố: 100/2015/QH13'
    """
    from .symbols import parse

    lines = [f"[{kind}]"]
    if (sym := fields.get("số hiệu")) and parse(sym) is not None:
        lines.append(f"Số: {sym}")
    return "\n".join(lines)
