"""Portal pages saved as text or copied from a browser (a ``.txt`` or ``.md`` file): which portal page it is,
the document's own text, the attribute lines as metadata fields and the curated related lists.

What the browser gives keeps the page's lines: vbpl.vn's breadcrumb ("CSDL quốc gia về VBPL » … » Bộ luật
100/2015/QH13") and tab bar, attribute lines ("Hiệu lực: Còn hiệu lực", or tab- or pipe-separated label /
value cells), and each curated list as its heading's line (loaders.portal.HEADINGS) followed by one item a
line. :func:`read_text_page` takes those lines out and keeps the rest as the document's text; the HTML of the
same pages is read by loaders.portal_html.

>>> page = read_text_page("THƯ VIỆN PHÁP LUẬT\\nSố hiệu: 12/2017/QH14\\nVăn bản căn cứ\\nHiến pháp 2013\\n\\nQUỐC HỘI")
>>> page.kind, page.fields, page.text
('thuvienphapluat', {'số hiệu': '12/2017/QH14'}, 'THƯ VIỆN PHÁP LUẬT\\n\\nQUỐC HỘI')
>>> [(r.heading, r.relation.kind, r.text) for r in page.related]
[('Văn bản căn cứ', 'based_on', 'Hiến pháp 2013')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .portal import (
    FIELD_LABELS,
    HEADINGS,
    SITES,
    PageKind,
    Related,
    fold,
    heading_text,
    link_heading,
    put_field,
    split_type,
)

_TEXT_TABS = re.compile(r"Toàn văn\s+Thuộc tính\s+Lịch sử\s+VB liên quan\s+Lược đồ", re.IGNORECASE)
_FIELD_LINE = re.compile(r"^\s*(?P<k>[^:\t|\n]{2,40}?)\s*:\s*(?P<v>[^\t|\n]{1,300}?)\s*$", re.MULTILINE)


def _field_line(ln: str, out: dict[str, str]) -> bool:
    """Read the attribute fields of one line of a text dump into `out` ("Label: value", or tab- or
    pipe-separated label / value cells); is it such a line?"""
    cells = [c.strip() for c in re.split(r"\t|\|", ln) if c.strip()]
    if len(cells) >= 2:
        labels = [i for i in range(len(cells) - 1) if FIELD_LABELS.get(fold(cells[i]))]
        for i in labels:
            put_field(out, cells[i], cells[i + 1])
        return bool(labels)
    if (m := _FIELD_LINE.match(ln)) and FIELD_LABELS.get(fold(m["k"])):
        put_field(out, m["k"], m["v"])
        return True
    return False


def _chrome_line(ln: str, out: dict[str, str]) -> bool:
    """A vbpl.vn line that is the portal's, not the document's: the breadcrumb ("CSDL quốc gia về VBPL » … »
    Bộ luật 100/2015/QH13", whose last item names the page's document) and the tab bar."""
    if _TEXT_TABS.search(ln):
        return True
    if "»" in ln and "VBPL" in ln:
        type_word, rest = split_type(ln.rsplit("»", 1)[-1].strip())
        from .symbols import parse

        if type_word and rest and parse(rest.split(" ")[0]) is not None:
            put_field(out, "loại văn bản", type_word)
            put_field(out, "số hiệu", rest.split(" ")[0])
        return True
    return False


def _text_related(lines: list[str]) -> tuple[list[Related], set[int]]:
    """Curated lists in a text dump: a heading line, then one item per line up to the next heading or a blank
    line; returns the items and the indices of the lines they take."""
    out: list[Related] = []
    taken: set[int] = set()
    current: tuple[str, int | None] | None = None
    start = 0
    for i, ln in enumerate(lines):
        s = ln.strip()
        if (h := link_heading(s)) is not None:
            current, start = h, i
            taken.add(i)
            continue
        if current is None:
            continue
        if not s:
            current = None
            continue
        taken.add(i)
        if current[1] != 0:
            out.append(Related(heading_text(lines[start]), HEADINGS[current[0]], s.lstrip("-•* \t")))
    return out, taken


def text_kind(text: str) -> PageKind | None:
    """Which portal page a text dump is: vbpl.vn's tab line ("Toàn văn Thuộc tính Lịch sử VB liên quan Lược
    đồ") with the kind from its headings, or a portal's name in the first lines; None otherwise."""
    head = text[:3000]
    if _TEXT_TABS.search(head) or "CSDL quốc gia về VBPL" in head:
        if re.search(r"^\s*(?:Văn bản hiện thời|Văn bản HD, QĐ chi tiết)", text, re.MULTILINE | re.IGNORECASE):
            return "vbpl_luocdo"
        if re.search(r"^\s*Văn bản căn cứ\s*$", text, re.MULTILINE | re.IGNORECASE) and not re.search(
            r"^\s*Điều\s+1\b", text, re.MULTILINE
        ):
            return "vbpl_lienquan"
        if re.search(r"^\s*(?:Số ký hiệu)\b", text, re.MULTILINE) and not re.search(
            r"^\s*Điều\s+1\b", text, re.MULTILINE
        ):
            return "vbpl_thuoctinh"
        return "vbpl_toanvan"
    return next((site.kind for site in SITES if site.named.search(text[:1500])), None)


@dataclass
class TextPage:
    """A portal page saved as text: its kind, the document's own text, fields and related lists."""

    kind: PageKind
    text: str
    fields: dict[str, str]
    related: list[Related]


def read_text_page(text: str) -> TextPage | None:
    """A text dump of a portal page, or None when `text` is not one. The lines of the related lists and the
    attribute lines are not the document's text; the rest is kept as it was."""
    kind = text_kind(text)
    if kind is None:
        return None
    lines = text.split("\n")
    related, taken = _text_related(lines)
    fields: dict[str, str] = {}
    for i, ln in enumerate(lines):  # the attribute lines before the document's own header are the portal's
        if i not in taken and i < 40 and (_chrome_line(ln, fields) or _field_line(ln, fields)):
            taken.add(i)
    keep = [ln for i, ln in enumerate(lines) if i not in taken]
    return TextPage(kind, "\n".join(keep), fields, related)
