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

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import convert, legacy_vn, portal, portal_html, portal_text
from . import pdf as pdf_layer
from .docx_text import read_docx
from .files import MB, display, fail, kind, read_bytes
from .html_text import read_html_page
from .models import LoadError, Text
from .ocr import IMAGES, OcrError, OcrMode, PageProgress, mean_confidence, read_image
from .plain import decode_text, newlines

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "SUPPORTED",
    "Format",
    "Found",
    "LoadError",
    "Scan",
    "Skipped",
    "display",
    "formats_help",
    "iter_files",
    "read",
    "scan",
]


# --------------------------------------------------------------------------------------------------------
# The formats: one table of what is read, how, within which limit, with which program
# --------------------------------------------------------------------------------------------------------

#: a reader: (printable name, the file's bytes, its format, OCR mode, OCR page progress) -> Text
Reader = Callable[[str, bytes, str, OcrMode, "PageProgress | None"], Text]


@dataclass(frozen=True)
class Format:
    """One input format: its name (Text.format), the extensions it is read by, the largest file read (bytes
    on disk, checked before reading), how it is read, what it is (for `policygraph formats`), the program it
    needs beyond Python packages, if any, and whether that program is there."""

    name: str
    extensions: tuple[str, ...]
    max_bytes: int
    reader: Reader
    what: str
    needs: str = ""
    #: why it cannot be read on this machine (its program missing), else None
    ready: Callable[[], str | None] = lambda: None


def _texts(name: str, data: bytes, fmt: str, ocr: OcrMode, progress: PageProgress | None) -> Text:
    """A format read as one text (no pages): plain text, HTML, Word."""
    page: portal_html.Page | portal_text.TextPage | None = None
    if fmt in ("txt", "md"):
        text = newlines(decode_text(name, data))
        if (page := portal_text.read_text_page(text)) is not None:
            text = page.text
    elif fmt == "html":
        text, page = read_html_page(name, data)
    elif fmt == "docx":
        text = read_docx(name, data)
    else:
        text = convert.read(name, data, fmt)
    return _finished(name, data, fmt, legacy_vn.convert(text, legacy_vn.detect(text)), page)


def _finished(
    name: str, data: bytes, fmt: str, text: str, page: portal_html.Page | portal_text.TextPage | None
) -> Text:
    """The Text of a format read as one text; a portal page's fields and lists go with it."""
    if not text.strip():
        if page is None or not (page.fields or page.related):
            raise fail(name, "empty file" if not data.strip() else "empty (no text)")
        text = portal.stand_in(page.fields, page.kind)  # a page of attributes or lists only
    if page is not None:
        return Text(
            path=name, text=text, format=fmt, portal=page.kind, fields=page.fields, portal_relations=page.related
        )
    return Text(path=name, text=text, format=fmt)


# --------------------------------------------------------------------------------------------------------
# PDF and images: pages
# --------------------------------------------------------------------------------------------------------


def _read_paged(name: str, data: bytes, fmt: str, ocr: OcrMode, progress: PageProgress | None) -> Text:
    """A PDF (loaders.pdf) or an image (OCR, loaders.ocr) as Text with its pages and the OCR done."""
    if not data.strip():
        raise fail(name, "empty file")
    try:
        if fmt == "pdf":
            if b"%PDF" not in data[:1024]:
                raise fail(name, "not a valid PDF (no %PDF header)")
            got = pdf_layer.read_pdf(data, ocr, progress)
        elif ocr == "never":
            raise fail(name, "an image: its text can only be read by OCR (load with --ocr auto)")
        else:
            pages = read_image(data, progress)
            got = pdf_layer.PdfText([p.text for p in pages], len(pages), mean_confidence(pages))
    except (pdf_layer.PdfError, OcrError) as e:
        raise fail(name, str(e)) from e
    text, starts = _join_pages(got.pages)
    if not text.strip():
        raise fail(name, _no_text(fmt, got, ocr))
    return Text(
        path=name, text=text, format=fmt, pages=starts, ocr_pages=got.ocr_pages, ocr_confidence=got.ocr_confidence
    )


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
            sep = "\n\n" if not prev or prev[-1] in '.!?:;…"”)' else "\n"
            parts.append(sep)
            pos += len(sep)
        starts.append(pos)
        parts.append(t)
        pos += len(t)
    return "".join(parts), starts


_OFFICE = "LibreOffice"
_TESSERACT = "Tesseract (vie)"


def _office_missing() -> str | None:
    return None if convert.soffice() else f"not installed (Debian: apt-get install {convert.PACKAGE})"


def _ocr_missing() -> str | None:
    from .ocr import missing

    return missing()


#: every format PolicyGraph reads. HTML is parsed into a tree many times its size (a 10 MB page took 170 MB
#: here): a lower limit. A .docx is also refused when its parts inflate past docx_text.MAX_BYTES.
FORMATS: tuple[Format, ...] = (
    Format("txt", (".txt",), 200 * MB, _texts, "plain text (UTF-8, UTF-16, Windows-1258, TCVN3, VNI)"),
    Format("md", (".md",), 200 * MB, _texts, "Markdown, portal text dumps"),
    Format(
        "html",
        (".html", ".htm"),
        50 * MB,
        _texts,
        "web pages, saved portal pages (vbpl.vn, thuvienphapluat.vn, luatvietnam.vn)",
    ),
    Format("docx", (".docx",), 200 * MB, _texts, "Word"),
    Format("doc", (".doc",), convert.MAX_SIZE, _texts, "Word 97-2003 (Unicode, TCVN3, VNI)", _OFFICE, _office_missing),
    Format("rtf", (".rtf",), convert.MAX_SIZE, _texts, "Rich Text", _OFFICE, _office_missing),
    Format(
        "pdf",
        (".pdf",),
        200 * MB,
        _read_paged,
        "PDF: the text layer, OCR for pages without one",
        _TESSERACT,
        _ocr_missing,
    ),
    *(
        Format(
            fmt,
            tuple(e for e, f in IMAGES.items() if f == fmt),
            100 * MB,
            _read_paged,
            "scanned page (OCR)",
            _TESSERACT,
            _ocr_missing,
        )
        for fmt in dict.fromkeys(IMAGES.values())
    ),
)
#: extensions not read, with what to do instead
_HINTS = {".odt": "save it as .docx", ".wpd": "save it as .docx"}

_BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}
SUPPORTED = tuple(_BY_EXTENSION)
MAX_BYTES = {f.name: f.max_bytes for f in FORMATS}
MAX_PDF_PAGES = pdf_layer.MAX_PAGES


def formats_help() -> str:
    """The formats read, for --help and error lines.

    >>> formats_help().startswith(".txt (plain text")
    True
    """
    return "; ".join(f"{' '.join(f.extensions)} ({f.what})" for f in FORMATS)


# --------------------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------------------


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


def _unsupported(ext: str) -> str:
    hint = f"; {_HINTS[ext]}" if ext in _HINTS else ""
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
                skipped.append((path, Skipped(display(path), f"not a regular file ({kind(mode)})")))
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
            raise fail(p, "no such file or folder") from e
        except OSError as e:
            raise fail(p, f"cannot read ({e.strerror or e})") from e
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


def read(path: str | os.PathLike[str], ocr: OcrMode = "auto", progress: PageProgress | None = None) -> Text:
    """Read one file as Text, by its extension (FORMATS); LoadError (one line, naming the file) on bad input.

    .txt/.md: UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted; Windows-1258, TCVN3 and VNI bytes
    are recognised and converted), text as in the file with line ends made "\\n". .html/.htm: visible
    text, block elements on their own lines, table rows as "| a | b |" (a header table as its columns'
    lines). .docx: paragraphs and tables in body order, then footnotes. .doc (Word 97-2003) and .rtf:
    converted to .docx by LibreOffice headless (see convert), then read as .docx. .pdf: the text layer
    (loaders.pdf), pages joined by a blank line, `pages` = the offset where each page starts; pages without
    a text layer are OCR'd when `ocr` is "auto", every page drawing an image when "always" (loaders.ocr;
    `progress` is called after each page OCR'd). .png/.jpg/.tif: OCR unless `ocr` is "never". Text of any
    format typed in a TCVN3 or VNI font (mojibake such as "NghÞ quyÕt") is converted to Unicode (see
    legacy_vn). Only regular files are read, up to their format's max_bytes. `Text.path` is the path as
    given, printable (see display).
    """
    name = display(path)
    ext = Path(path).suffix.lower()
    if ext not in _BY_EXTENSION:
        raise fail(name, f"unsupported file type {ext or '(no extension)'!r}; PolicyGraph reads {', '.join(SUPPORTED)}")
    f = _BY_EXTENSION[ext]
    return f.reader(name, read_bytes(path, f.max_bytes), f.name, ocr, progress)
