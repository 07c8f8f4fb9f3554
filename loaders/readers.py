"""Read .txt, .md, .html, .docx, .doc, .rtf, .pdf and image files as Text; every offset PolicyGraph keeps points into Text.text.

The reader is pure: it returns the text as the file holds it (only line ends become "\\n", and text in
the legacy Vietnamese encodings TCVN3 and VNI becomes Unicode: see legacy_vn) and leaves Unicode
normalisation to `normalise`. It reads only regular files, within the limits of MAX_BYTES (zip bombs,
named pipes, devices and huge files are refused before they are read), and `scan` says what it will
read in a folder and what it passes over, and why. Libraries do the parsing (BeautifulSoup with the stdlib
"html.parser", python-docx, PDFium through loaders.pdf, Tesseract OCR through loaders.ocr for scanned
pages and .png/.jpg/.tif images; LibreOffice headless converts .doc and .rtf to .docx first: see convert);
this module picks one by extension (FORMATS, the one table of what is read and how), keeps the document order
and the table rows (as "| cell | cell |" lines, so header metadata such as "| Số hiệu | 262/2026/NĐ-CP |"
survives; a document header laid out in a table becomes its columns' lines), and turns every failure into a
one-line LoadError "<path>: <problem>".

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
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import layout, legacy_vn, portal
from . import pdf as pdf_layer
from .models import LoadError, Text
from .ocr import IMAGES, OcrError, OcrMode, PageProgress, mean_confidence, read_image

__all__ = ["MAX_BYTES", "SUPPORTED", "Found", "Scan", "Skipped", "display", "iter_files", "read", "scan"]

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".doc", ".rtf", ".pdf", *IMAGES)

_FORMATS = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".doc": "doc", ".rtf": "rtf",
            ".pdf": "pdf", **IMAGES}


def display(path: str | os.PathLike[str]) -> str:
    """A path as it can be printed and stored: a byte that is not UTF-8 (kept by the file system as a
    surrogate) and a character that would act instead of show (a control such as a newline or an escape,
    a bidirectional override) become %XX, the bytes of their UTF-8, as in a URL.

    >>> display("corpus/caf\\udce9.txt"), display("a\\nb\\x1b[2J.txt"), display("Nghị quyết 31.txt")
    ('corpus/caf%E9.txt', 'a%0Ab%1B[2J.txt', 'Nghị quyết 31.txt')
    """
    s = os.fspath(path)
    if s.isprintable():
        return s
    return "".join(c if unicodedata.category(c) not in _ACTING else
                   "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogateescape")) for c in s)


_ACTING = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def _fail(path: str | os.PathLike[str], problem: str) -> LoadError:
    """A LoadError whose message is one line: "<path>: <problem>"."""
    problem = " ".join(str(problem).split()) or "unreadable"
    return LoadError(f"{display(path)}: {problem}")


# --------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------

MB = 1_000_000
# The largest file read (bytes on disk; for a .docx also the sum of its inflated parts), checked before
# reading. HTML is parsed into a tree many times its size (a 10 MB page took 170 MB here): a lower limit.
MAX_BYTES = {"txt": 200 * MB, "md": 200 * MB, "html": 50 * MB, "docx": 200 * MB, "pdf": 200 * MB,
             "doc": 100 * MB, "rtf": 100 * MB,  # .doc, .rtf: converted by LibreOffice first (see convert)
             **dict.fromkeys(IMAGES.values(), 100 * MB)}
# A .docx part that inflates more than this many times its packed size (past 1 MB) is a zip bomb: XML
# text packs 5 to 20 times; deflate can reach 1,000.
MAX_DOCX_RATIO = 100
MAX_PDF_PAGES = pdf_layer.MAX_PAGES


@dataclass(frozen=True)
class Found:
    """A file to read: `path` opens it (a name that is not UTF-8 is kept as the OS gave it); `rel` is its
    path relative to the folder given ("/"-separated, printable: see display), or its name when the file
    was named itself. `rel` is what identifies the file: two files of the same name in two folders differ."""

    path: Path
    rel: str


@dataclass(frozen=True)
class Skipped:
    """A file or folder under a folder given that is not read, and why (one line)."""

    path: str  # printable (display)
    reason: str


@dataclass(frozen=True)
class Scan:
    files: list[Found]
    skipped: list[Skipped]


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    for test, what in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return what
    return "a special file"


def _unsupported(ext: str) -> str:
    hint = "; save it as .docx" if ext in (".odt", ".wpd") else ""
    return f"unsupported file type {ext or '(no extension)'!r}{hint}"


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


def _walk(root: Path) -> tuple[list[tuple[tuple[str, ...], Path]], list[tuple[Path, Skipped]]]:
    """Every regular file of a supported type under `root` as (relative parts, path), unsorted, and
    what was passed over (hidden files and folders and Office lock files "~$x.docx" silently). Links to
    files are followed; links to folders are not (they could loop)."""
    found: list[tuple[tuple[str, ...], Path]] = []
    skipped: list[tuple[Path, Skipped]] = []
    stack: list[tuple[tuple[str, ...], Path]] = [((), root)]
    while stack:
        parts, folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as e:
            skipped.append((folder, Skipped(display(folder), f"cannot read the folder ({e.strerror or e})")))
            continue
        for entry in entries:
            if _hidden(entry.name):
                continue
            rel, path = (*parts, entry.name), folder / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((rel, path))
                    continue
                mode = os.stat(path).st_mode
            except FileNotFoundError:
                skipped.append((path, Skipped(display(path), "a broken link")))
                continue
            except OSError as e:
                skipped.append((path, Skipped(display(path), f"cannot read ({e.strerror or e})")))
                continue
            ext = path.suffix.lower()
            if stat.S_ISDIR(mode):
                skipped.append((path, Skipped(display(path), "a link to a folder (not followed)")))
            elif ext not in SUPPORTED:
                skipped.append((path, Skipped(display(path), _unsupported(ext))))
            elif not stat.S_ISREG(mode):
                skipped.append((path, Skipped(display(path), f"not a regular file ({_kind(mode)})")))
            else:
                found.append((rel, path))
    return found, skipped


def scan(paths: Iterable[str | os.PathLike[str]]) -> Scan:
    """What to read and what is passed over. Folders are expanded recursively (sorted by relative path;
    supported regular files only; every other file and every folder that cannot be read is in `skipped`
    with its reason; hidden files and folders and "~$" lock files are passed over silently). Files named
    themselves are kept whatever they are (reading one that is not a supported regular file then fails
    in one line), and not counted as skipped. Each file once, first as reached. LoadError for a path
    that does not exist or cannot be looked at.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for n in ("b.txt", "a.pdf", "x.png", ".hidden.txt", "sub/c.md", "sub/old.wpd"):
    ...     os.makedirs(os.path.dirname(os.path.join(d, n)), exist_ok=True)
    ...     _ = open(os.path.join(d, n), "w").write("x")
    >>> s = scan([d, os.path.join(d, "x.png")])
    >>> [f.rel for f in s.files]
    ['a.pdf', 'b.txt', 'sub/c.md', 'x.png']
    >>> [(os.path.relpath(k.path, d), k.reason) for k in s.skipped]
    [('sub/old.wpd', "unsupported file type '.wpd'; save it as .docx")]
    """
    files: list[Found] = []
    skipped: list[tuple[Path, Skipped]] = []
    seen: set[Path] = set()

    def add(path: Path, rel: str) -> None:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            files.append(Found(path, rel))

    for raw in paths:
        p = Path(raw)
        try:
            mode = os.stat(p).st_mode
        except (FileNotFoundError, NotADirectoryError) as e:
            raise _fail(p, "no such file or folder") from e
        except OSError as e:
            raise _fail(p, f"cannot read ({e.strerror or e})") from e
        if stat.S_ISDIR(mode):
            found, passed = _walk(p)
            skipped += sorted(passed, key=lambda s: s[1].path)
            for rel, f in sorted(found):
                add(f, display("/".join(rel)))
        else:
            add(p, display(p.name))
    return Scan(files, [s for p, s in skipped if _key(p) not in seen])


def _key(path: Path) -> Path:
    """The file a path stands for (links resolved), to see it once; a link that loops stands for itself."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read (see scan), as paths.

    >>> import os, tempfile
    >>> d = tempfile.mkdtemp()
    >>> for n in ("b.txt", "a.pdf", "x.png", ".hidden.txt", "sub/c.md"):
    ...     os.makedirs(os.path.dirname(os.path.join(d, n)), exist_ok=True)
    ...     _ = open(os.path.join(d, n), "w").write("x")
    >>> [str(p.relative_to(d)) for p in iter_files([d, os.path.join(d, "x.png")])]
    ['a.pdf', 'b.txt', 'sub/c.md', 'x.png']
    """
    return [f.path for f in scan(paths).files]


def _read_bytes(path: str | os.PathLike[str], fmt: str) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES[fmt]; LoadError for anything else. The type is
    checked before opening (a named pipe would block, a link to /dev/zero never end) and again on the
    open file, which is opened without blocking."""
    limit = MAX_BYTES[fmt]
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise _fail(path, "is a folder, not a file" if stat.S_ISDIR(st.st_mode)
                        else f"not a regular file ({_kind(st.st_mode)}); PolicyGraph reads only files")
        _check_size(path, st.st_size, limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _fail(path, "not a regular file; PolicyGraph reads only files")
            data = _read_upto(f, st.st_size, limit + 1)
    except FileNotFoundError as e:
        raise _fail(path, "no such file") from e
    except OSError as e:
        raise _fail(path, f"cannot read ({e.strerror or e})") from e
    _check_size(path, len(data), limit)
    return data


def _read_upto(f: Any, expected: int, most: int) -> bytes:
    """At most `most` bytes of `f`, read as one piece when the file holds `expected` bytes (a larger
    read would allocate its whole size), in 1 MB pieces past that (a file that grows, a /proc file)."""
    data = f.read(min(expected, most - 1) + 1)
    if len(data) <= expected:
        return data
    parts, total = [data], len(data)
    while total < most and (chunk := f.read(min(MB, most - total))):
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _check_size(path: str | os.PathLike[str], size: int, limit: int, what: str = "too large") -> None:
    if size > limit:
        raise _fail(path, f"{what} ({-(-size // MB):,} MB; the limit is {limit / MB:,.0f} MB)")


def read(path: str | os.PathLike[str], ocr: OcrMode = "auto",
         progress: PageProgress | None = None) -> Text:
    """Read one file as Text, by its extension; LoadError (one line, naming the file) on bad input.

    .txt/.md: UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted; Windows-1258, TCVN3 and VNI bytes
    are recognised and converted), text as in the file with line ends made "\\n". .html/.htm: visible
    text, block elements on their own lines, table rows as "| a | b |". .docx: paragraphs and tables in
    body order, then footnotes. .doc (Word 97-2003) and .rtf: converted to .docx by LibreOffice headless
    (see convert), then read as .docx. .pdf: the text layer (loaders.pdf), pages joined by a blank line, `pages`
    = the offset where each page starts; pages without a text layer are OCR'd when `ocr` is "auto", every
    page drawing an image when "always" (loaders.ocr; `progress` is called after each page OCR'd).
    .png/.jpg/.tif: OCR unless `ocr` is "never". Text of any format typed in a TCVN3 or VNI font
    (mojibake such as "NghÞ quyÕt") is converted to Unicode (see legacy_vn). Only regular files are
    read, up to MAX_BYTES. `Text.path` is the path as given, printable (see display).
    """
    name = display(path)
    ext = Path(path).suffix.lower()
    if ext not in _FORMATS:
        raise _fail(name, f"unsupported file type {ext or '(no extension)'!r}; "
                          f"PolicyGraph reads {', '.join(SUPPORTED)}")
    fmt = _FORMATS[ext]
    data = _read_bytes(path, fmt)
    if fmt == "pdf" or fmt in IMAGES.values():
        return _read_paged(name, fmt, data, ocr, progress)
    page: Any = None
    if fmt in ("txt", "md"):
        text = _newlines(_decode_text(name, data))
        if (page := portal.read_text_page(text)) is not None:
            text = page.text
    elif fmt == "html":
        text, page = _read_html_page(name, data)
    elif fmt == "docx":
        text = _read_docx(name, data)
    elif fmt in ("doc", "rtf"):
        from . import convert

        text = convert.read(name, data, fmt)
    text = legacy_vn.convert(text, legacy_vn.detect(text))
    if not text.strip():
        if page is None or not (page.fields or page.related):
            raise _fail(name, "empty file" if not data.strip() else "empty (no text)")
        text = portal.stand_in(page.fields, page.kind)  # a page of attributes or lists only
    if page is not None:
        return Text(path=name, text=text, format=fmt, portal=page.kind, fields=page.fields,
                    portal_relations=page.related)
    return Text(path=name, text=text, format=fmt)


def _newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


def _table_lines(rows: list[list[list[str]]]) -> list[str]:
    """A table (rows of cells, each cell its lines) as lines: a document header laid out in a table becomes its
    columns' lines, left column first (layout.is_header_table); any other table one "| a | b |" line a row.

    >>> _table_lines([[["CHÍNH PHỦ", "-------"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
    ...               [["Số: 217/2025/NĐ-CP"], ["Hà Nội, ngày 05 tháng 8 năm 2025"]]])
    ['CHÍNH PHỦ', 'Số: 217/2025/NĐ-CP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Hà Nội, ngày 05 tháng 8 năm 2025']
    >>> _table_lines([[["Số hiệu"], ["262/2026/NĐ-CP"]]])
    ['| Số hiệu | 262/2026/NĐ-CP |']
    """
    texts = [["\n".join(c) for c in r] for r in rows]
    if layout.is_header_table(texts):
        return layout.column_lines(texts)
    cells = [[" ".join(c).replace("|", "/") for c in r] for r in rows]
    return ["| " + " | ".join(r) + " |" for r in cells if any(r)]


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
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad > max(2, len(sample) // 20)


# Characters that do not occur in text: controls (but tab, line ends, form feed, escape), surrogates,
# private use; and, checked one by one among the characters outside common scripts, unassigned ones.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_COMMON = re.compile("[\t-\r\x1b\x20-\x7e\xa0-\u036f\u1e00-\u1eff\u2000-\u2064\u2070\u2071\u2074-\u208e\u2090-\u209c\u20a0-\u20c0\u2100-\u218b\u2190-\u23ff\u2460-\u27bf]+")


def _mostly_not_text(s: str) -> bool:
    """Whether more than 1 in 20 of the first 8,192 characters are no text (controls, unassigned...).

    >>> _mostly_not_text("Nghị quyết số 31-NQ/TW\\n" * 50)
    False
    >>> _mostly_not_text("\\x01\\ue000\\u0378 x" * 50)  # a control, a private-use, an unassigned character
    True
    """
    sample = s[:8192]
    if _COMMON.fullmatch(sample):
        return False
    bad = len(_NOT_TEXT.findall(sample))
    rare = Counter(_COMMON.sub("", sample))
    bad += sum(n for c, n in rare.items() if unicodedata.category(c) == "Cn")
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
        legacy = legacy_vn.decode(data)
        if legacy is None:
            raise _fail(name, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}), nor Vietnamese "
                              "in Windows-1258, TCVN3 or VNI; save the file as UTF-8") from e
        text = legacy[0]
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
_LINE = "\u2028"  # a line break inside a table cell, while its text is collected


def _html_charset(name: str, data: bytes) -> str | None:
    """The charset a BOM or a meta tag declares, else None."""
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
    return None


def _read_html(name: str, data: bytes) -> str:
    return _read_html_page(name, data)[0]


def _read_html_page(name: str, data: bytes) -> tuple[str, portal.Page | None]:
    """The visible text of an HTML file; of a saved portal page (loaders.portal) only the document's own
    content, with the page itself (its fields and curated lists)."""
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString, Tag

    if not data.strip():
        raise _fail(name, "empty file")
    declared = _html_charset(name, data)
    enc = declared or "utf-8"
    try:
        markup = data.decode(enc)
    except UnicodeDecodeError as e:
        legacy = None if declared else legacy_vn.decode(data)
        if legacy is None:
            raise _fail(name, f"not valid {enc} HTML (byte 0x{data[e.start]:02x} at offset {e.start})") from e
        markup = legacy[0]
    markup = markup.lstrip("\ufeff")
    if "\x00" in markup:
        raise _fail(name, "binary file, not HTML")
    soup = BeautifulSoup(markup, "html.parser")
    page = portal.read_page(soup)
    for t in soup.find_all(_DROP):
        t.decompose()

    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = _WS.sub(" ", "".join(buf)).strip()
        buf.clear()
        if line:
            lines.append(line)

    def cell_lines(cell: Tag) -> list[str]:
        # a line break is <br> or a block element; white space in the markup is a space
        for br in cell.find_all("br"):
            br.replace_with(_LINE)
        for blk in cell.find_all(_BLOCKS):
            blk.insert_before(_LINE)
            blk.insert_after(_LINE)
        return [ln for ln in (_WS.sub(" ", x).strip() for x in cell.get_text("").split(_LINE)) if ln]

    def table(t: Tag) -> None:
        flush()
        for cap in t.find_all("caption", recursive=False):
            buf.append(cap.get_text(" "))
            flush()
        rows = [[cell_lines(c) for c in tr.find_all(("td", "th"), recursive=False)]
                for tr in t.find_all("tr") if tr.find_parent("table") is t]
        lines.extend(_table_lines(rows))

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

    for root in (page.content if page is not None else [soup]):
        if root.name == "table":
            table(root)
        else:
            walk(root)
        flush()
    return "\n".join(lines), page


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
        kind = "an old binary .doc (Word 97-2003); name it .doc" if data.startswith(
            b"\xd0\xcf\x11\xe0") else "not a zip package"
        raise _fail(name, f"not a valid DOCX ({kind})")
    _check_package(name, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # BadZipFile, KeyError, PackageNotFoundError, XMLSyntaxError, ValueError, ...
        raise _fail(name, f"not a valid DOCX ({type(e).__name__}: {e})") from e

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
        lines.extend(_table_lines(rows))

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


def _check_package(name: str, data: bytes) -> None:
    """Refuse a .docx whose parts declare more than MAX_BYTES["docx"] in all, or one part more than
    MAX_DOCX_RATIO times its packed size, and then one whose part inflates past the size it declares:
    zipfile inflates a part whole before cutting it to that size, so a package that lies would still
    take the memory. Each part is inflated here in pieces of 1 MB, counted and dropped."""
    limit = MAX_BYTES["docx"]
    parts = _zip_parts(name, data)
    total = sum(p.file_size for p in parts)
    if total > limit:
        raise _fail(name, f"not read: its parts inflate to {-(-total // MB):,} MB (the limit is {limit / MB:,.0f} MB; "
                          "a zip bomb?)")
    for p in parts:
        if p.compress_type not in (0, 8):  # stored, deflated: all Word writes
            raise _fail(name, f"not a valid DOCX ({p.filename} is packed with zip method {p.compress_type})")
        if p.file_size > MB and p.file_size > MAX_DOCX_RATIO * max(p.compress_size, 1):
            raise _fail(name, f"not read: {p.filename} inflates {p.file_size // max(p.compress_size, 1):,} times "
                              f"(to {p.file_size / MB:,.0f} MB; a zip bomb?)")
        if _inflated_size(data, p) > p.file_size:
            raise _fail(name, f"not read: {p.filename} inflates past the {p.file_size:,} bytes it declares "
                              "(a zip bomb?)")


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
        table = struct.unpack("<I", data[end + 12: end + 16])[0]
        if table > MAX_ZIP_TABLE:
            raise _fail(name, f"not read: its table of parts takes {-(-table // MB):,} MB (a zip bomb?)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as e:
        raise _fail(name, f"not a valid DOCX ({type(e).__name__}: {e})") from e


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

    head = package[part.header_offset: part.header_offset + 30]
    if part.compress_type != 8 or len(head) < 30 or head[:4] != b"PK\x03\x04":
        return 0
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    start = part.header_offset + 30 + name_len + extra_len
    inflate = zlib.decompressobj(-15)
    pending, size = package[start: start + part.compress_size], 0
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


def _read_paged(name: str, fmt: str, data: bytes, ocr: OcrMode, progress: PageProgress | None) -> Text:
    """A PDF (loaders.pdf) or an image (OCR, loaders.ocr) as Text with its pages and the OCR done."""
    if not data.strip():
        raise _fail(name, "empty file")
    try:
        if fmt == "pdf":
            if b"%PDF" not in data[:1024]:
                raise _fail(name, "not a valid PDF (no %PDF header)")
            got = pdf_layer.read_pdf(data, ocr, progress)
        elif ocr == "never":
            raise _fail(name, "an image: its text can only be read by OCR (load with --ocr auto)")
        else:
            pages = read_image(data, progress)
            got = pdf_layer.PdfText([p.text for p in pages], len(pages), mean_confidence(pages))
    except (pdf_layer.PdfError, OcrError) as e:
        raise _fail(name, str(e)) from e
    text, starts = _join_pages(got.pages)
    if not text.strip():
        raise _fail(name, _no_text(fmt, got, ocr))
    return Text(path=name, text=text, format=fmt, pages=starts, ocr_pages=got.ocr_pages,
                ocr_confidence=got.ocr_confidence)


def _no_text(fmt: str, got: pdf_layer.PdfText, ocr: OcrMode) -> str:
    """Why a PDF or an image gave no text."""
    if got.ocr_pages:
        return f"no text: OCR found none on its {got.ocr_pages:,} pages (blank scans?)"
    if ocr == "never":
        return "no text layer (scanned PDF? load with --ocr auto)"
    return f"no text: its {len(got.pages):,} pages have no text layer and no image (blank pages)"


def _join_pages(texts: list[str]) -> tuple[str, list[int]]:
    """The pages as one text and the offset where each starts. A page that ends mid-sentence continues
    on the next one: joined with a line break (a wrapped line), else with a blank line (a paragraph
    break), so sentences that cross pages stay whole.

    >>> _join_pages(["Căn cứ Nghị quyết", "số 31-NQ/TW.", "Điều 1."])
    ('Căn cứ Nghị quyết\\nsố 31-NQ/TW.\\n\\nĐiều 1.', [0, 18, 32])
    """
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
