"""OCR with Tesseract and its Vietnamese model, for scanned PDF pages and images (.png .jpg .tif).

Tesseract (Debian `tesseract-ocr` and `tesseract-ocr-vie`) runs as a child process, one page at a
time: the page goes in on stdin as a grey-scale PNM, its words come back on stdout as TSV (one row per
word, with its block, paragraph and line, and its confidence 0-100). The binary is called directly
(not through pytesseract) so that each run is bounded: a timeout per page (the child is killed),
a memory cap (RLIMIT_AS), one thread (OMP_THREAD_LIMIT=1: PolicyGraph already runs one process per
core), no temporary files and no network. Images are refused from their header, before they are
decoded, when they hold more than MAX_IMAGE_PIXELS; a file OCRs at most MAX_OCR_PAGES pages and
spends at most FILE_SECONDS on them. Every failure is an OcrError whose message is one line.

>>> rows = [(1, 0, 30, 96.5, "Số:"), (1, 40, 100, 91.5, "123/QĐ-UBND"), (1, 400, 30, 80, "Hà"), (1, 440, 40, 76, "Nội"),
...         (2, 0, 90, 90, "QUYẾT")]
>>> tsv = "header\\n" + "".join(f"5\\t1\\t{b}\\t1\\t1\\t1\\t{x}\\t0\\t{w}\\t20\\t{c}\\t{t}\\n" for b, x, w, c, t in rows)
>>> tsv_page(tsv)
PageText(text='Số: 123/QĐ-UBND    Hà Nội\\n\\nQUYẾT', confidence=86.8, words=5)
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "DPI",
    "FILE_SECONDS",
    "IMAGES",
    "LANG",
    "OCR_MODES",
    "OcrMode",
    "MAX_IMAGE_PIXELS",
    "MAX_OCR_PAGES",
    "MAX_RENDER_PIXELS",
    "PAGE_SECONDS",
    "OcrError",
    "PageText",
    "Budget",
    "check_pixels",
    "mean_confidence",
    "missing",
    "ocr_image",
    "read_image",
    "tsv_page",
]

LANG = "vie"
DPI = 300  # PDF pages are rendered at this resolution for Tesseract
PAGE_SECONDS = 120.0  # one page's OCR is killed past this
FILE_SECONDS = 1800.0  # one file's OCR stops (and the file fails) past this (500 pages take about 25 min)
MAX_OCR_PAGES = 500  # pages OCR'd in one file at most (a file with more to OCR is refused before starting)
MAX_IMAGE_PIXELS = 120_000_000  # an image larger than this is refused (a 600 dpi A3 page is 70 M)
MAX_RENDER_PIXELS = 40_000_000  # a PDF page is rendered at DPI or smaller, within this (A2 at 300 dpi is 35 M)
MEMORY_BYTES = 2 << 30  # address space of one Tesseract run
COLUMN_GAP = "    "  # between two words of a line far apart (two columns)

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")
#: the image files read by OCR: extension -> Text.format
IMAGES = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".tif": "tiff", ".tiff": "tiff"}

#: called after each page OCR'd: (pages done, pages to do)
PageProgress = Callable[[int, int], None]


class OcrError(Exception):
    """An OCR failure; its message is one line, without the file's name (the reader adds it)."""


@dataclass(frozen=True)
class PageText:
    """One page as Tesseract reads it: lines joined by "\\n", paragraphs by a blank line; the mean
    confidence (0-100) of its words, None when it has none."""

    text: str
    confidence: float | None
    words: int


@functools.lru_cache(maxsize=1)
def missing() -> str | None:
    """Why OCR cannot run here (Tesseract or its Vietnamese model not installed), else None."""
    exe = shutil.which("tesseract")
    if exe is None:
        return "Tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)"
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as e:
        return f"Tesseract does not run ({type(e).__name__}: {e})"
    if LANG not in out.stdout.split():
        return f"Tesseract has no Vietnamese model '{LANG}' (Debian: apt-get install tesseract-ocr-{LANG})"
    return None


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def ocr_image(image: Any, timeout: float = PAGE_SECONDS) -> PageText:
    """OCR one PIL image with Tesseract (lang LANG); OcrError on a failure or past `timeout` seconds."""
    problem = missing()
    if problem:
        raise OcrError(problem)
    timeout = max(timeout, 1.0)
    buf = io.BytesIO()
    _grey(image).save(buf, "PPM")  # PGM: no compression to spend time on
    cmd = ["tesseract", "stdin", "stdout", "-l", LANG, "--dpi", str(DPI), "--psm", "3", "tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        run = subprocess.run(
            cmd,
            input=buf.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=env,
            preexec_fn=_limit_memory if os.name == "posix" else None,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise OcrError(f"OCR took more than {timeout:.0f} s") from e
    except OSError as e:
        raise OcrError(f"Tesseract does not run ({e.strerror or e})") from e
    if run.returncode != 0:
        last = (run.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise OcrError(f"Tesseract failed ({last})")
    return tsv_page(run.stdout.decode("utf-8", "replace"))


def _grey(image: Any) -> Any:
    """The image in grey levels, a transparent background made white (it would turn black).

    >>> from PIL import Image
    >>> _grey(Image.new("RGBA", (2, 1), (0, 0, 0, 0))).getpixel((0, 0))
    255
    """
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert("L")


def tsv_page(tsv: str) -> PageText:
    """A page from Tesseract's TSV: the words of a line joined by a space (by COLUMN_GAP where the gap
    between two words is wider than twice the line's height: two columns side by side, as in a header), lines
    by "\\n", and a blank line where a new paragraph (or block) starts."""
    rows = [
        cols
        for cols in (r.split("\t") for r in tsv.splitlines()[1:])
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip()
    ]
    height: dict[tuple[str, str, str], int] = {}  # of a line: its tallest word (a dash is a low box)
    for cols in rows:
        height[cols[2], cols[3], cols[4]] = max(height.get((cols[2], cols[3], cols[4]), 0), int(cols[9]))
    out: list[str] = []
    prev: tuple[tuple[str, str, str], int] | None = None  # the last word's (block, paragraph, line), right edge
    for cols in rows:
        where, left = (cols[2], cols[3], cols[4]), int(cols[6])
        if prev is not None and where == prev[0]:
            out.append(COLUMN_GAP if left - prev[1] > 2 * height[where] else " ")
        elif prev is not None:
            out.append("\n\n" if where[:2] != prev[0][:2] else "\n")
        out.append(cols[11].strip())
        prev = where, left + int(cols[8])
    confs = [float(cols[10]) for cols in rows if float(cols[10]) >= 0]
    text = unicodedata.normalize("NFC", "".join(out))
    return PageText(text, round(sum(confs) / len(confs), 1) if confs else None, len(confs))


def mean_confidence(pages: list[PageText]) -> float | None:
    """The mean confidence of the words of all `pages` (pages without words do not count).

    >>> mean_confidence([PageText("a", 90.0, 30), PageText("", None, 0), PageText("b", 60.0, 10)])
    82.5
    """
    words = sum(p.words for p in pages if p.confidence is not None)
    if not words:
        return None
    return round(sum(p.confidence * p.words for p in pages if p.confidence is not None) / words, 1)


class Budget:
    """The time a file may still spend on OCR: each page gets what is left, at most PAGE_SECONDS."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = FILE_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def page(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise OcrError(f"OCR took more than {self.seconds:.0f} s for this file (the limit)")
        return min(PAGE_SECONDS, left)


# --------------------------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------------------------


def read_image(data: bytes, progress: PageProgress | None = None) -> list[PageText]:
    """OCR an image file (PNG, JPEG, TIFF; every frame of a multi-page TIFF is a page). The size in its
    header is checked before any pixel is decoded."""
    im = _open(data)
    check_pixels(*im.size)
    count = getattr(im, "n_frames", 1)
    if count > MAX_OCR_PAGES:
        raise OcrError(f"too many pages to OCR ({count:,}; the limit is {MAX_OCR_PAGES:,})")
    problem = missing()
    if problem:
        raise OcrError(problem)
    budget = Budget()
    pages: list[PageText] = []
    for i in range(count):
        pages.append(ocr_image(_frame(im, i), budget.page()))
        if progress:
            progress(i + 1, count)
    return pages


def _open(data: bytes) -> Any:
    """The image, its header read and nothing decoded."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning (checked below), corrupt EXIF, ...
            return Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as e:  # Pillow's own check, past twice its MAX_IMAGE_PIXELS
        raise OcrError(
            f"image too large to OCR (more than {2 * (Image.MAX_IMAGE_PIXELS or 0) / 1e6:,.0f} million "
            f"pixels; the limit is {MAX_IMAGE_PIXELS / 1e6:,.0f} million)"
        ) from e
    except UnidentifiedImageError as e:
        raise OcrError("not a valid image (not PNG, JPEG or TIFF data Pillow can read)") from e
    except (OSError, ValueError, SyntaxError) as e:
        raise OcrError(f"not a valid image ({type(e).__name__}: {e})") from e


def _frame(im: Any, i: int) -> Any:
    """Frame `i` of an image, decoded once its size is checked against MAX_IMAGE_PIXELS."""
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im.seek(i)
            check_pixels(*im.size)
            im.load()
    except OcrError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as e:
        raise OcrError(f"damaged image (frame {i + 1}: {type(e).__name__}: {e})") from e
    return im


def check_pixels(width: int, height: int) -> None:
    """OcrError when an image of this size is too large to OCR.

    >>> check_pixels(2480, 3508)
    >>> try:
    ...     check_pixels(20_000, 20_000)
    ... except OcrError as e:
    ...     print(e)
    image too large to OCR (20,000 x 20,000 pixels; the limit is 120 million)
    """
    if width * height > MAX_IMAGE_PIXELS:
        raise OcrError(
            f"image too large to OCR ({width:,} x {height:,} pixels; the limit is "
            f"{MAX_IMAGE_PIXELS / 1e6:,.0f} million)"
        )
