"""A document header as lines, whatever the layout it came in.

Vietnamese documents print their header in two columns: the issuer, a rule and "Số: …" on the left; the
national motto and "<place>, ngày … tháng … năm …" on the right. Word puts the two columns in a table, a
portal page in an HTML table, a portal text dump in markdown pipes (a cell's text broken over lines and
wrapped in emphasis), an old text file in columns of spaces or tabs. The header step (header.py) reads
lines: this module turns every one of those layouts into lines, a table's left column first, then the
right, one line for each line of a cell; a line holding both columns is split at the header's cues. It decides once what a header table is (`is_header_table`), for
the readers (which lay out .docx and HTML tables) and for the header step (which lays out text dumps).

>>> print(header_lines("| ỦY BAN NHÂN DÂN TỈNH BẮC NINH ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
...                    "Độc lập - Tự do - Hạnh phúc |\\n| --- | --- |\\n| Số: 12/KH-UBND | *Bắc Ninh, ngày 20\\n"
...                    "tháng 11 năm 2025* |\\nKẾ HOẠCH"))
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 20 tháng 11 năm 2025
KẾ HOẠCH
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["cell_lines", "column_lines", "header_lines", "is_header_table", "table_lines"]

# What only a document header holds: the national motto, the Party's name, a "Số:" line, a place and date.
_CUE = re.compile(
    r"(?i:c[oộ]ng h(?:oà|òa|oa) x[aã] h[oộ]i ch[uủ] ngh[iĩ]a|đảng cộng sản việt nam|độc lập\s*-\s*tự do)"
    r"|(?:^|\n)[ \t*]*(?i:số|sô|số hiệu)[ \t]*[:.]|[^\W\d_][ \t]*,[ \t]*(?i:ngày)[ \t]*\d",
)
# Where a cell written on one line holds several: a rule, "Số:", the motto's second line and what follows
# it, a letter's subject line.
_RULE = re.compile(r"[ \t]*[-_=~*.]{3,}[ \t]*")
_SPLIT_BEFORE = re.compile(
    r"[ \t]+(?=(?:Số|SỐ|Sô)[ \t]*[:.]|(?i:độc lập)[ \t]*-|V/v[ .:]|(?i:về việc)[ \t]|"
    r"(?i:c[oộ]ng h(?:oà|òa|oa) x[aã] h[oộ]i ch[uủ] ngh[iĩ]a|đảng cộng sản việt nam))"
)
_SPLIT_AFTER = re.compile(r"(?i:hạnh phúc)[ \t]+")
_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")
# a date broken over lines: "ngày 20" / "tháng 11 năm 2025"
_BROKEN_DATE = re.compile(
    r"((?i:ngày)(?:[ \t]+\d{1,2})?|(?i:tháng)(?:[ \t]+\d{1,2})?)[ \t]*\n[ \t*|]*(?=(?i:\d|tháng|năm))"
)
_PIPE_SEP = re.compile(r"\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?")
# the line that ends a header: the document's type word alone ("QUYẾT ĐỊNH", "KẾ HOẠCH"), or the body
_HEADER_END = re.compile(
    r"[ \t*#]*(?:NGHỊ QUYẾT|KẾT LUẬN|CHỈ THỊ|QUYẾT ĐỊNH|QUY ĐỊNH|HƯỚNG DẪN|CHƯƠNG TRÌNH|KẾ HOẠCH|THÔNG BÁO|"
    r"BÁO CÁO|TỜ TRÌNH|ĐỀ ÁN|BỘ LUẬT|LUẬT|PHÁP LỆNH|NGHỊ ĐỊNH|THÔNG TƯ|HIẾN PHÁP|CÔNG VĂN|THÔNG CÁO)\b"
    r"|[ \t*]*(?:Căn cứ|Kính gửi|Điều 1)\b"
)
_HEADER_LINES = 24
# metadata tables ("| Số hiệu | 262/2026/NĐ-CP |") are rows of keys and values, kept as rows
_FIELD_CELL = re.compile(
    r"[ \t*]*(?i:số hiệu|số, ký hiệu|số ký hiệu|loại văn bản|ngày ban hành|cơ quan ban hành|"
    r"người ký|ngày có hiệu lực|tình trạng)[ \t*]*:?[ \t*]*"
)


def is_header_table(cells: Sequence[Sequence[str]]) -> bool:
    """Whether a table (rows of cell texts) is a document header laid out in columns, not data: it has two
    or three columns, a header cue (the motto, a "Số:" line, "<place>, ngày …") and no metadata key cell.

    >>> is_header_table([["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 1/NĐ-CP", "Hà Nội, ngày 5"]])
    True
    >>> is_header_table([["Số hiệu", "262/2026/NĐ-CP"], ["Ngày ban hành", "01/10/2026"]])
    False
    """
    widths = {len(r) for r in cells if any(c.strip() for c in r)}
    if not widths or max(widths) > 3:
        return False
    texts = [c for r in cells for c in r]
    if any(_FIELD_CELL.fullmatch(c) for c in texts):
        return False
    return any(_CUE.search(c) for c in texts)


def cell_lines(text: str) -> list[str]:
    """The lines of one cell: its own line breaks, and the breaks a cell written on one line hides (a rule,
    before "Số:", the motto's second line and after it, a letter's subject line); emphasis dropped.

    >>> cell_lines("QUỐC HỘI ------- Số: 100/2015/QH13")
    ['QUỐC HỘI', 'Số: 100/2015/QH13']
    >>> cell_lines("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Nội, ngày 27 tháng 11 năm 2015")
    ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Nội, ngày 27 tháng 11 năm 2015']
    """
    text = _BROKEN_DATE.sub(r"\1 ", text)
    text = _RULE.sub("\n", text)
    text = _SPLIT_BEFORE.sub("\n", text)
    text = _SPLIT_AFTER.sub(lambda m: m.group(0).rstrip() + "\n", text)
    out = []
    for ln in text.split("\n"):
        ln = " ".join(_EMPHASIS.sub("", ln).split())
        if ln:
            out.append(ln)
    return out


def column_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """A header table's lines in reading order: each column top to bottom, the left column first.

    >>> column_lines([["CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Số: 1/NĐ-CP", "Hà Nội, ngày 5 tháng 3 năm 2020"]])
    ['CHÍNH PHỦ', 'Số: 1/NĐ-CP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Hà Nội, ngày 5 tháng 3 năm 2020']
    """
    width = max((len(r) for r in rows), default=0)
    return [ln for col in range(width) for r in rows if col < len(r) for ln in cell_lines(r[col])]


def _pipe_rows(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """The rows of the markdown pipe table that starts at line i (a row may go on over several lines until
    it ends with "|"; separator rows dropped), and the index of the line after it."""
    rows: list[list[str]] = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        row = lines[i].strip()
        i += 1
        while (not row.endswith("|") or row == "|") and i < len(lines) and not lines[i].lstrip().startswith("|"):
            row += "\n" + lines[i].strip()
            i += 1
        if not _PIPE_SEP.fullmatch(row):
            rows.append([c.strip() for c in row.strip("|").split("|")])
    return rows, i


def _header_zone(lines: list[str]) -> int:
    """How many of the first lines are the header: those before the title's type word or the body."""
    for i, ln in enumerate(lines[:_HEADER_LINES]):
        if i and _HEADER_END.match(ln) and "|" not in ln:
            return i
    return min(len(lines), _HEADER_LINES)


def header_lines(head: str) -> str:
    """The opening of a text with its header laid out as lines (see the module's docstring); the rest as
    it is. Markdown pipe tables that are headers (`is_header_table`) become their columns' lines; other
    tables stay rows. A line before the title that holds both columns (spaces between them are single in the
    matching view the header step reads) is split at the header's cues. Dates broken over lines are joined.

    >>> print(header_lines("UỶ BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\n"
    ...                    "TỈNH CÀ MAU Độc lập - Tự do - Hạnh phúc\\n"
    ...                    "Số: 05/2006/QĐ-UBND Cà Mau, ngày 25 tháng 01 năm 2006\\nQUYẾT ĐỊNH"))
    UỶ BAN NHÂN DÂN
    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH CÀ MAU
    Độc lập - Tự do - Hạnh phúc
    Số: 05/2006/QĐ-UBND Cà Mau, ngày 25 tháng 01 năm 2006
    QUYẾT ĐỊNH
    """
    lines = head.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|"):
            rows, i = _pipe_rows(lines, i)
            if is_header_table(rows):
                out += column_lines(rows)
            else:
                out += ["| " + " | ".join(" ".join(c.split()) for c in r) + " |" for r in rows]
            continue
        out.append(lines[i])
        i += 1
    zone = _header_zone(out)
    # two columns side by side on one line (a header flattened, columns of spaces squeezed by the matching
    # view): split at the header's cues, as a table cell is
    out[:zone] = [x for ln in out[:zone] for x in (cell_lines(ln) if _CUE.search(ln) else [ln])]
    return _BROKEN_DATE.sub(r"\1 ", "\n".join(out))


def table_lines(rows: list[list[list[str]]]) -> list[str]:
    """A table (rows of cells, each cell its lines) as lines: a document header laid out in a table becomes its
    columns' lines, left column first (is_header_table); any other table one "| a | b |" line a row.

    >>> table_lines([[["CHÍNH PHỦ", "-------"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
    ...               [["Số: 217/2025/NĐ-CP"], ["Hà Nội, ngày 05 tháng 8 năm 2025"]]])
    ['CHÍNH PHỦ', 'Số: 217/2025/NĐ-CP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Hà Nội, ngày 05 tháng 8 năm 2025']
    >>> table_lines([[["Số hiệu"], ["262/2026/NĐ-CP"]]])
    ['| Số hiệu | 262/2026/NĐ-CP |']
    """
    texts = [["\n".join(c) for c in r] for r in rows]
    if is_header_table(texts):
        return column_lines(texts)
    cells = [[" ".join(c).replace("|", "/") for c in r] for r in rows]
    return ["| " + " | ".join(r) + " |" for r in cells if any(r)]
