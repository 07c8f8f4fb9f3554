"""Read .txt, .md, .html, .docx and .pdf files as Text; every offset PolicyGraph keeps points into Text.text.

The reader is pure: it returns the text as the file holds it (only line ends become "\\n") and leaves
Unicode normalisation to `normalise`. Libraries do the parsing (BeautifulSoup with the stdlib
"html.parser", python-docx, pypdf); this module picks one by extension, keeps the document order and
the table rows (as "| cell | cell |" lines, so header metadata such as "| Số hiệu | 262/2026/NĐ-CP |"
survives), and turns every failure into a one-line LoadError "<path>: <problem>".

>>> import os, tempfile
>>> p = os.path.join(tempfile.mkdtemp(), "a.txt")
>>> _ = open(p, "wb").write("\\ufeffSố: 1330-CV/BTGTU\\r\\nTP. Hồ Chí Minh".encode("utf-8"))
>>> t = read(p)
>>> (t.text, t.format, t.pages)
('Số: 1330-CV/BTGTU\\nTP. Hồ Chí Minh', 'txt', None)
>>> _ = open(p, "wb").write(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
>>> try:
...     read(p)
... except LoadError as e:
...     print(str(e).replace(p, "a.txt"))
a.txt: binary file, not text
"""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .models import LoadError, Text

__all__ = ["SUPPORTED", "iter_files", "read"]

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


def _fail(path: str | os.PathLike[str], problem: str) -> LoadError:
    """A LoadError whose message is one line: "<path>: <problem>"."""
    problem = " ".join(str(problem).split()) or "unreadable"
    return LoadError(f"{os.fspath(path)}: {problem}")


# --------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------


def _hidden(rel: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in rel.parts)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read: folders expanded recursively (sorted, supported extensions only, hidden files and
    folders and Office lock files "~$x.docx" skipped); files named explicitly are kept whatever their
    extension (reading them then fails clearly). Each file once, in order. LoadError for a missing path.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for n in ("b.txt", "a.pdf", "x.png", ".hidden.txt", "sub/c.md"):
    ...     os.makedirs(os.path.dirname(os.path.join(d, n)), exist_ok=True)
    ...     _ = open(os.path.join(d, n), "w").write("x")
    >>> [str(p.relative_to(d)) for p in iter_files([d, os.path.join(d, "x.png")])]
    ['a.pdf', 'b.txt', 'sub/c.md', 'x.png']
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise _fail(p, "no such file or folder")
        if p.is_dir():
            found = [f for f in p.rglob("*")
                     if f.suffix.lower() in SUPPORTED and not _hidden(f.relative_to(p)) and f.is_file()]
            for f in sorted(found, key=lambda f: f.relative_to(p).parts):
                add(f)
        else:
            add(p)
    return out


def read(path: str | os.PathLike[str]) -> Text:
    """Read one file as Text, by its extension; LoadError (one line, naming the file) on bad input.

    .txt/.md: UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted), text as in the file with line ends
    made "\\n". .html/.htm: visible text, block elements on their own lines, table rows as "| a | b |".
    .docx: paragraphs and tables in body order, then footnotes. .pdf: the text layer, pages joined by a
    blank line, `pages` = the offset where each page starts.
    """
    p = Path(path)
    name = os.fspath(path)
    ext = p.suffix.lower()
    if ext not in _FORMATS:
        raise _fail(name, f"unsupported file type {ext or '(no extension)'!r}; "
                          f"PolicyGraph reads {', '.join(SUPPORTED)}")
    if p.is_dir():
        raise _fail(name, "is a folder, not a file")
    try:
        data = p.read_bytes()
    except FileNotFoundError as e:
        raise _fail(name, "no such file") from e
    except OSError as e:
        raise _fail(name, f"cannot read ({e.strerror or e})") from e
    fmt = _FORMATS[ext]
    pages: list[int] | None = None
    if fmt in ("txt", "md"):
        text = _newlines(_decode_text(name, data))
    elif fmt == "html":
        text = _read_html(name, data)
    elif fmt == "docx":
        text = _read_docx(name, data)
    else:
        text, pages = _read_pdf(name, data)
    if not text.strip():
        raise _fail(name, "empty file" if not data.strip() else "empty (no text)")
    return Text(path=name, text=text, format=fmt, pages=pages)


def _newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# control characters that do not occur in text (tab, newlines, form feed and escape do)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"


def _binary_bytes(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = sum(1 for b in sample if b in _CONTROL_BYTES)
    return bad > max(2, len(sample) // 20)


def _mostly_not_text(s: str) -> bool:
    sample = s[:8192]
    bad = sum(1 for c in sample
              if c not in "\t\n\r\f\v\x1b" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return bad > max(2, len(sample) // 20)


def _decode_text(name: str, data: bytes) -> str:
    """Decode a text file: BOM-marked UTF-8/16/32, else UTF-8; anything else fails."""
    if not data.strip():
        raise _fail(name, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            # A real UTF-16/32 text of Latin script is full of 00 bytes; \xff\xfe junk without them is not.
            if enc.startswith(("utf-16", "utf-32")) and body and b"\x00" not in body:
                break
            try:
                text = body.decode(enc)
            except UnicodeDecodeError as e:
                raise _fail(name, f"not valid {enc.upper()} text ({e.reason} at byte {e.start + len(bom)})") from e
            if _mostly_not_text(text):
                raise _fail(name, "binary file, not text")
            if not text.strip():
                raise _fail(name, "empty file")
            return text
    if _binary_bytes(data):
        raise _fail(name, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise _fail(name, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
                          "save the file as UTF-8") from e
    if _mostly_not_text(text):
        raise _fail(name, "binary file, not text")
    return text


# --------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------

_DROP = ("script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object", "button", "select")
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "title",
    "ul",
))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_WS = re.compile(r"\s+")


def _html_charset(name: str, data: bytes) -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    m = _META_CHARSET.search(data[:4096])
    if m:
        label = m.group(1).decode("ascii", "replace").lower()
        try:
            enc = codecs.lookup(label).name
        except LookupError as e:
            raise _fail(name, f"unknown charset {label!r} in the HTML meta tag") from e
        # pages that say UTF-16 in a meta tag but were read as bytes are in fact ASCII-compatible
        return "utf-8" if enc.startswith("utf-16") else enc
    return "utf-8"


def _read_html(name: str, data: bytes) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    if not data.strip():
        raise _fail(name, "empty file")
    enc = _html_charset(name, data)
    try:
        markup = data.decode(enc)
    except UnicodeDecodeError as e:
        raise _fail(name, f"not valid {enc} HTML (byte 0x{data[e.start]:02x} at offset {e.start})") from e
    markup = markup.lstrip("\ufeff")
    if "\x00" in markup:
        raise _fail(name, "binary file, not HTML")
    soup = BeautifulSoup(markup, "html.parser")
    for t in soup.find_all(_DROP):
        t.decompose()

    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if line:
            lines.append(line)

    def cell_text(cell: Tag) -> str:
        return _WS.sub(" ", cell.get_text(" ")).strip().replace("|", "/")

    def table(t: Tag) -> None:
        flush()
        for cap in t.find_all("caption", recursive=False):
            buf.append(cap.get_text(" "))
            flush()
        rows = [tr for tr in t.find_all("tr") if tr.find_parent("table") is t]
        for tr in rows:
            cells = [cell_text(c) for c in tr.find_all(("td", "th"), recursive=False)]
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")

    def walk(root: Tag) -> None:
        # iterative: pages with unclosed tags nest thousands deep
        stack: list[tuple[Any, bool]] = [(iter(root.children), False)]
        while stack:
            child = next(stack[-1][0], None)
            if child is None:
                if stack.pop()[1]:
                    flush()
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment, doctype, CDATA, ...
                    buf.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            tag = child.name
            if tag == "br":
                flush()
            elif tag == "table":
                table(child)
            elif tag == "pre":
                flush()
                for ln in child.get_text().split("\n"):
                    buf.append(ln)
                    flush()
            else:
                block = tag in _BLOCKS
                if block:
                    flush()
                stack.append((iter(child.children), block))

    walk(soup)
    flush()
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _read_docx(name: str, data: bytes) -> str:
    import io

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not data.strip():
        raise _fail(name, "empty file")
    if not data.startswith(b"PK"):
        kind = "an old binary .doc (Word 97-2003); save it as .docx" if data.startswith(
            b"\xd0\xcf\x11\xe0") else "not a zip package"
        raise _fail(name, f"not a valid DOCX ({kind})")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # BadZipFile, KeyError, PackageNotFoundError, XMLSyntaxError, ValueError, ...
        raise _fail(name, f"not a valid DOCX ({type(e).__name__}: {e})") from e

    lines: list[str] = []

    def cell_text(cell: Any) -> str:
        parts: list[str] = []
        for item in cell.iter_inner_content():
            if isinstance(item, Paragraph):
                parts.append(item.text)
            else:  # a nested table: its cells in reading order
                for row in item.rows:
                    parts.extend(cell_text(c) for c in _unique_cells(row))
        return " ".join(" ".join(parts).split()).replace("|", "/")

    def table(t: Table) -> None:
        for row in t.rows:
            cells = [cell_text(c) for c in _unique_cells(row)]
            if any(cells):
                lines.append("| " + " | ".join(cells) + " |")

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
        raise _fail(name, f"damaged DOCX ({type(e).__name__}: {e})") from e
    text = _newlines("\n".join(lines)).strip("\n")
    if notes:
        text += "\n\n" + "\n".join(notes)
    return text


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

    part = next((r.target_part for r in document.part.rels.values()
                 if r.reltype == RT.FOOTNOTES and not r.is_external), None)
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


# --------------------------------------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------------------------------------


def _read_pdf(name: str, data: bytes) -> tuple[str, list[int]]:
    import io
    import logging

    from pypdf import PdfReader

    if not data.strip():
        raise _fail(name, "empty file")
    if b"%PDF" not in data[:1024]:
        raise _fail(name, "not a valid PDF (no %PDF header)")
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR)  # damaged-but-readable files warn on every page
    try:
        return _pdf_text(name, PdfReader, io.BytesIO(data))
    finally:
        log.setLevel(level)


def _pdf_text(name: str, reader_cls: Any, stream: Any) -> tuple[str, list[int]]:
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    try:
        reader = reader_cls(stream)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError) as e:
                raise _fail(name, f"encrypted PDF that cannot be opened here ({e})") from e
            if not ok:
                raise _fail(name, "encrypted PDF (needs a password)")
        pages = list(reader.pages)
    except LoadError:
        raise
    except FileNotDecryptedError as e:
        raise _fail(name, "encrypted PDF (needs a password)") from e
    except (PdfReadError, PdfStreamError, ValueError, KeyError, TypeError, AttributeError, RecursionError,
            OSError) as e:
        raise _fail(name, f"not a valid PDF ({e or type(e).__name__})") from e
    texts: list[str] = []
    for i, page in enumerate(pages, 1):
        try:
            texts.append(_newlines(page.extract_text() or ""))
        except Exception as e:  # pypdf raises many types on a broken content stream
            raise _fail(name, f"damaged PDF: cannot read the text of page {i} ({type(e).__name__}: {e})") from e
    if not any(t.strip() for t in texts):
        if not texts:
            raise _fail(name, "PDF without pages")
        raise _fail(name, "no text layer (scanned PDF? run OCR first)")
    # A page that ends mid-sentence continues on the next one: join with a line break (a wrapped line),
    # else with a blank line (a paragraph break), so sentences that cross pages stay whole.
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for i, t in enumerate(texts):
        if i:
            prev = texts[i - 1].rstrip()
            sep = "\n\n" if not prev or prev[-1] in ".!?:;…\"”)" else "\n"
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(t)
        pos += len(t)
    return "".join(parts), starts
