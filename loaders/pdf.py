"""PDF pages as text: the text layer through PDFium (pypdfium2), OCR (loaders.ocr) for pages without one.

Why PDFium: on the real gazette PDF (Công báo 1263+1264, 40 pages, fonts without ToUnicode mixed with
Type0 subsets) pypdf splits syllables ("con ng ười", "b ảo vệ"): 87.0% of its words are words of the same
law's text on vbpl.vn, against 100.0% for PDFium and pdfminer.six; and PDFium reads 15 to 25 times as
fast as pypdf, 30 times as fast as pdfminer.six (6.0, 0.39 and 0.19 MB/s on it in one run of
bench/bench_readers.py). PDFium also reads what pypdf refuses, such as a stream filter written as its abbreviation (/Fl for /FlateDecode).

Each page's text loses its gazette running head (a "CÔNG BÁO/Số 1263 + 1264/Ngày 31-12-2015" line, with
or without its page number, and a page number alone on a line) in its first and last lines, so a
gazette's number and date are never read as the document's. TCVN3 text layers are converted page by
page (legacy_vn), so that `pages` (where each page starts) holds.

`ocr`: "never" reads the text layer only; "auto" OCRs the pages that draw an image and have no text
layer (or fewer than MIN_TEXT letters in it, or only a scanner's "Scanned with …" line); a blank page is
left blank, without OCR; "always" OCRs every page that draws an image, text layer or not.

>>> strip_running_heads("40 CÔNG BÁO/Số 1263 + 1264/Ngày 31-12-2015\\n \\nQUỐC HỘI\\nĐiều 1.\\n41")
' \\nQUỐC HỘI\\nĐiều 1.'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import legacy_vn, ocr
from .ocr import OcrMode

__all__ = ["MAX_PAGES", "MAX_STREAM", "PdfError", "PdfText", "check_streams", "read_pdf", "strip_running_heads"]

MAX_PAGES = 10_000


class PdfError(Exception):
    """A PDF that cannot be read; the message is one line, without the file's name."""


@dataclass
class PdfText:
    """The text of each page, and the OCR done: pages OCR'd and the mean confidence of their words."""

    pages: list[str]
    ocr_pages: int = 0
    ocr_confidence: float | None = None


_GAZETTE = re.compile(
    r"(?:\d{1,4}\s+)?CÔNG\s*BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}"
    r"(?:\s+\d{1,4})?",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"\d{1,4}|-\s*\d{1,4}\s*-|[Tt]rang\s+\d{1,4}")
_EDGE = 3  # lines at each end of a page where a running head can be


def strip_running_heads(page: str) -> str:
    """The page without its running heads: in its first and last _EDGE non-blank lines, a gazette head
    ("CÔNG BÁO/Số …/Ngày …", its page number before or after) and a page number alone on a line."""
    lines = page.split("\n")
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(filled[:_EDGE] + filled[-_EDGE:])
    drop = {i for i in edge if _GAZETTE.fullmatch(lines[i].strip())}
    if drop or len(filled) > 1:
        drop |= {i for i in (filled[:1] + filled[-1:]) if _PAGE_NUMBER.fullmatch(lines[i].strip())}
    return "\n".join(ln for i, ln in enumerate(lines) if i not in drop)


# A compressed stream inflating past this many bytes is refused before PDFium parses the file: a page
# whose content stream holds a million drawing operations takes PDFium 13 times the stream's size in
# memory (a 50 MB stream packed in 145 kB took 650 MB). Images are decoded one page at a time, only to OCR.
MAX_STREAM = 32_000_000
MAX_IMAGE_STREAM = 400_000_000  # 600 dpi A3 in colour is 210 MB
_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")


def check_streams(data: bytes) -> None:
    """PdfError when a Flate stream of `data` inflates past MAX_STREAM bytes (MAX_IMAGE_STREAM for an
    image): a PDF bomb. Each stream is inflated in pieces of 1 MB, counted and dropped.

    >>> import zlib
    >>> check_streams(b"<< /Filter /FlateDecode >>\\nstream\\n" + zlib.compress(b"BT ET " * 1000) + b"\\nendstream")
    >>> bomb = zlib.compress(b" " * (MAX_STREAM + 1))
    >>> try:
    ...     check_streams(b"<< /Filter /FlateDecode >>\\nstream\\n" + bomb + b"\\nendstream")
    ... except PdfError as e:
    ...     print(e)
    not read: a stream inflates past 32 MB (a PDF bomb?)
    """
    import zlib

    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048) : m.start()]
        head = head[head.rfind(b"obj") :] if b"obj" in head else head
        if not _FLATE.search(head):
            continue
        limit = MAX_IMAGE_STREAM if _IMAGE.search(head) else MAX_STREAM
        inflate = zlib.decompressobj()
        pending, size = data[m.end() : m.end() + limit], 0
        try:
            while pending and size <= limit:
                size += len(inflate.decompress(pending, 1 << 20))
                pending = inflate.unconsumed_tail
                if inflate.eof:
                    break
        except zlib.error:
            continue  # damaged or encrypted: PDFium judges it
        if size > limit:
            raise PdfError(f"not read: a stream inflates past {limit // 1_000_000:,} MB (a PDF bomb?)")


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise PdfError("encrypted PDF (needs a password)") from e
        raise PdfError(f"not a valid PDF ({msg.rstrip('.')})") from e


def read_pdf(data: bytes, mode: OcrMode = "auto", progress: ocr.PageProgress | None = None) -> PdfText:
    """The pages of a PDF as text (see the module's docstring); PdfError or ocr.OcrError on failure."""
    check_streams(data)
    doc = _open(data)
    try:
        count = len(doc)
        if count > MAX_PAGES:
            raise PdfError(f"too many pages ({count:,}; the limit is {MAX_PAGES:,})")
        if count == 0:
            raise PdfError("PDF without pages")
        texts, scans = _text_layer(doc, mode)
        encoding = legacy_vn.detect("\n".join(texts))
        texts = [strip_running_heads(legacy_vn.convert(t, encoding)) for t in texts]
        if not scans:
            return PdfText(texts)
        return _ocr_pages(doc, texts, scans, progress)
    finally:
        doc.close()


def _text_layer(doc: Any, mode: OcrMode) -> tuple[list[str], list[int]]:
    """Each page's text layer, and the pages to OCR."""
    import pypdfium2 as pdfium

    texts: list[str] = []
    scans: list[int] = []
    size = 0
    for i in range(len(doc)):
        try:
            page = doc[i]
            tp = page.get_textpage()
            text = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            tp.close()
            if mode == "always" or (mode == "auto" and _no_text(text)):
                if _has_image(page):
                    scans.append(i)
            page.close()
        except pdfium.PdfiumError as e:
            raise PdfError(f"damaged PDF: cannot read the text of page {i + 1} ({e})") from e
        texts.append(text.replace("\x00", "").replace("\ufffe", "").replace("\x02", "-"))
        size += len(texts[-1])
        if size > 200_000_000:
            raise PdfError("its text is too large (more than 200 million characters)")
    return texts, scans


# a page whose text layer holds fewer letters than this is a scan ("Scanned by …", a stamped page number)
MIN_TEXT = 10


def _no_text(text: str) -> bool:
    """Whether a page's text layer says next to nothing (a page that also draws an image is then OCR'd).

    >>> _no_text(" \\n"), _no_text("Scanned with CamScanner"), _no_text("Điều 5. Hiệu lực")
    (True, True, False)
    """
    return sum(c.isalpha() for c in text) < MIN_TEXT or bool(_SCANNER.fullmatch(text.strip()))


_SCANNER = re.compile(r"(?is)(?:scanned|created)\s+(?:with|by)\s+\w+(?:\s+\w+)?")


def _has_image(page: Any) -> bool:
    """Whether a page draws an image (at any depth of its form objects)."""
    import pypdfium2.raw as raw

    return next(page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]), None) is not None


def _ocr_pages(doc: Any, texts: list[str], scans: list[int], progress: ocr.PageProgress | None) -> PdfText:
    """`texts` with the pages `scans` replaced by their OCR."""
    if len(scans) > ocr.MAX_OCR_PAGES:
        raise ocr.OcrError(f"too many pages to OCR ({len(scans):,}; the limit is {ocr.MAX_OCR_PAGES:,})")
    problem = ocr.missing()
    if problem:
        raise ocr.OcrError(f"{len(scans):,} pages without a text layer, and {problem[0].lower()}{problem[1:]}")
    budget = ocr.Budget()
    done: list[ocr.PageText] = []
    for n, i in enumerate(scans, 1):
        image = _render(doc[i], i)
        try:
            page = ocr.ocr_image(image, budget.page())
        except ocr.OcrError as e:
            raise ocr.OcrError(f"page {i + 1}: {e}") from e
        done.append(page)
        texts[i] = page.text
        if progress:
            progress(n, len(scans))
    return PdfText(texts, len(scans), ocr.mean_confidence(done))


def _render(page: Any, index: int) -> Any:
    """A page as a PIL image at ocr.DPI, or smaller when that would pass ocr.MAX_RENDER_PIXELS."""
    import pypdfium2 as pdfium

    width, height = page.get_size()  # points
    scale = ocr.DPI / 72
    if width * height * scale * scale > ocr.MAX_RENDER_PIXELS:
        scale = 0.999 * (ocr.MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5  # pixels are rounded up
    try:
        return page.render(scale=scale, grayscale=True).to_pil()
    except (pdfium.PdfiumError, MemoryError, ValueError) as e:
        raise ocr.OcrError(f"page {index + 1}: cannot render it ({type(e).__name__}: {e})") from e
    finally:
        page.close()
