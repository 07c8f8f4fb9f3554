"""Word .docx files: paragraphs and tables in body order (a header table laid out as its columns' lines,
layout.table_lines), then footnotes; a package that would inflate past its limits (a zip bomb) is refused
before it is inflated.
"""

from __future__ import annotations

from typing import Any

from . import layout
from .files import MB, fail
from .plain import newlines

__all__ = ["MAX_BYTES", "MAX_DOCX_RATIO", "check_package", "read_docx"]

# the sum of a package's inflated parts
MAX_BYTES = 200 * MB
# A .docx part that inflates more than this many times its packed size (past 1 MB) is a zip bomb: XML
# text packs 5 to 20 times; deflate can reach 1,000.
MAX_DOCX_RATIO = 100


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(name: str, data: bytes) -> str:
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not data.strip():
        raise fail(name, "empty file")
    if not data.startswith(b"PK"):
        kind = (
            "an old binary .doc (Word 97-2003); name it .doc"
            if data.startswith(b"\xd0\xcf\x11\xe0")
            else "not a zip package"
        )
        raise fail(name, f"not a valid DOCX ({kind})")
    check_package(name, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # BadZipFile, KeyError, PackageNotFoundError, XMLSyntaxError, ValueError, ...
        raise fail(name, f"not a valid DOCX ({type(e).__name__}: {e})") from e

    lines: list[str] = []

    def cell_lines(cell: Any) -> list[str]:
        parts: list[str] = []
        for item in cell.iter_inner_content():
            if isinstance(item, Paragraph):
                parts += item.text.split("\n")
            else:  # a nested table: its cells in reading order
                for row in item.rows:
                    parts += [ln for c in _unique_cells(row) for ln in cell_lines(c)]
        return [" ".join(p.split()) for p in parts if p.strip()]

    def table(t: Table) -> None:
        rows = [[cell_lines(c) for c in _unique_cells(row)] for row in t.rows]
        lines.extend(layout.table_lines(rows))

    def block(el: Any, parent: Any) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == _W + "p":
                lines.append(Paragraph(child, parent).text)
            elif tag == _W + "tbl":
                table(Table(child, parent))
            elif tag == _W + "sdt":  # content control: its content is ordinary body content
                content = child.find(_W + "sdtContent")
                if content is not None:
                    block(content, parent)
            elif tag in (_W + "customXml", _W + "ins", _W + "smartTag"):
                block(child, parent)

    try:
        block(document.element.body, document)
        notes = _docx_footnotes(document)
    except Exception as e:  # a package python-docx opened but cannot walk is a damaged file
        raise fail(name, f"damaged DOCX ({type(e).__name__}: {e})") from e
    text = newlines("\n".join(lines)).strip("\n")
    if notes:
        text += "\n\n" + "\n".join(notes)
    return text


def check_package(name: str, data: bytes) -> None:
    """Refuse a .docx whose parts declare more than MAX_BYTES in all, or one part more than
    MAX_DOCX_RATIO times its packed size, and then one whose part inflates past the size it declares:
    zipfile inflates a part whole before cutting it to that size, so a package that lies would still
    take the memory. Each part is inflated here in pieces of 1 MB, counted and dropped."""
    limit = MAX_BYTES
    parts = _zip_parts(name, data)
    total = sum(p.file_size for p in parts)
    if total > limit:
        raise fail(
            name,
            f"not read: its parts inflate to {-(-total // MB):,} MB (the limit is {limit / MB:,.0f} MB; a zip bomb?)",
        )
    for p in parts:
        if p.compress_type not in (0, 8):  # stored, deflated: all Word writes
            raise fail(name, f"not a valid DOCX ({p.filename} is packed with zip method {p.compress_type})")
        if p.file_size > MB and p.file_size > MAX_DOCX_RATIO * max(p.compress_size, 1):
            raise fail(
                name,
                f"not read: {p.filename} inflates {p.file_size // max(p.compress_size, 1):,} times "
                f"(to {p.file_size / MB:,.0f} MB; a zip bomb?)",
            )
        if _inflated_size(data, p) > p.file_size:
            raise fail(
                name, f"not read: {p.filename} inflates past the {p.file_size:,} bytes it declares (a zip bomb?)"
            )


# zipfile makes an object for every entry of a package's table of parts; a real .docx has a table of a
# few kilobytes, a hostile one could hold millions of entries within the size limit
MAX_ZIP_TABLE = 5 * MB


def _zip_parts(name: str, data: bytes) -> list[Any]:
    """The parts (zipfile.ZipInfo) of a package whose table of parts, read from its end record first,
    is at most MAX_ZIP_TABLE bytes."""
    import io
    import struct
    import zipfile

    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end >= 0 and len(data) >= end + 16:
        table = struct.unpack("<I", data[end + 12 : end + 16])[0]
        if table > MAX_ZIP_TABLE:
            raise fail(name, f"not read: its table of parts takes {-(-table // MB):,} MB (a zip bomb?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise fail(name, f"not a valid DOCX ({type(e).__name__}: {e})") from e


def _inflated_size(package: bytes, part: Any) -> int:
    """How many bytes a zip part inflates to, counted up to one past its declared size (0 for a part
    whose data cannot be found or that is not deflated: zipfile and python-docx judge those).

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "<w:t>Nghị quyết</w:t>" * 1000)
    >>> _inflated_size(buf.getvalue(), zipfile.ZipFile(buf).getinfo("word/document.xml"))
    25000
    """
    import struct
    import zlib

    head = package[part.header_offset : part.header_offset + 30]
    if part.compress_type != 8 or len(head) < 30 or head[:4] != b"PK\x03\x04":
        return 0
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    start = part.header_offset + 30 + name_len + extra_len
    inflate = zlib.decompressobj(-15)
    pending, size = package[start : start + part.compress_size], 0
    try:
        while pending and size <= part.file_size:
            size += len(inflate.decompress(pending, MB))
            pending = inflate.unconsumed_tail
    except zlib.error:
        return 0
    return size


def _unique_cells(row: Any) -> list[Any]:
    """A row's cells with horizontally merged cells once (python-docx repeats them)."""
    out: list[Any] = []
    for c in row.cells:
        if not out or out[-1]._tc is not c._tc:
            out.append(c)
    return out


def _docx_footnotes(document: Any) -> list[str]:
    """The footnotes as "[^n]: text" lines, n counting from 1 in the order of the footnotes part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml

    part = next(
        (r.target_part for r in document.part.rels.values() if r.reltype == RT.FOOTNOTES and not r.is_external), None
    )
    if part is None:
        return []
    root = parse_xml(part.blob)
    out: list[str] = []
    for fn in root.iterchildren(_W + "footnote"):
        if fn.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paras = ["".join(t.text or "" for t in p.iter(_W + "t")) for p in fn.iter(_W + "p")]
        text = " ".join(" ".join(paras).split())
        if text:
            out.append(f"[^{len(out) + 1}]: {text}")
    return out
