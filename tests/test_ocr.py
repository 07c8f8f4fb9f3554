"""OCR with the real Tesseract (loaders.ocr): Vietnamese text rendered with Pillow into a PNG and an
image-only PDF, the real scans of the shared sample corpus (../shared/corpus/formats/pdf_scan), the
marks an OCR'd document carries through load and show, and hostile images (20,000 x 20,000 pixels).

On CI (``CI`` set) a missing Tesseract or Vietnamese model FAILS the tests that need it; elsewhere they
are skipped.
"""

from __future__ import annotations

import json
import os
import re
import struct
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.loaders import ocr
from policygraph.loaders.extract import extract_file
from policygraph.loaders.models import LoadError, Text
from policygraph.loaders.readers import read

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
ROOT = Path(__file__).resolve().parents[1]
# ../shared as every developer and CI run has it (found from a worktree one level deeper too)
SCANS = (
    next(
        (p / "shared" / "corpus" / "formats" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
        ROOT.parent / "shared" / "corpus" / "formats",
    )
    / "pdf_scan"
)
LINES = [
    "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "THÀNH PHỐ HÀ NỘI                 Độc lập - Tự do - Hạnh phúc",
    "Số: 123/QĐ-UBND               Hà Nội, ngày 05 tháng 3 năm 2020",
    "",
    "QUYẾT ĐỊNH",
    "Về việc triển khai thực hiện Nghị quyết số 31-NQ/TW",
    "",
    "Căn cứ Nghị quyết số 31-NQ/TW ngày 30 tháng 12 năm 2022 của Bộ Chính trị",
    "về phương hướng, nhiệm vụ phát triển Thành phố Hồ Chí Minh đến năm 2030;",
]


def _need(problem: str | None) -> None:
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"OCR tests need Tesseract and its Vietnamese model on CI: {problem}", pytrace=False)
    pytest.skip(problem)


@pytest.fixture(scope="module")
def tesseract() -> None:
    _need(ocr.missing())
    _need(None if FONT.exists() else f"{FONT} is missing (Debian: fonts-dejavu-core)")


def page_image(lines: list[str]) -> Any:
    """An A4 page at 200 dpi with `lines` drawn in DejaVu Sans, as a PIL image."""
    from PIL import Image, ImageDraw, ImageFont

    im = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(im)
    font = ImageFont.truetype(str(FONT), 30)
    for i, line in enumerate(lines):
        draw.text((120, 150 + 60 * i), line, font=font, fill=0)
    return im


@pytest.fixture(scope="module")
def rendered(tesseract: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("rendered")
    im = page_image(LINES)
    im.save(d / "qd-123.png")
    im.save(d / "qd-123.pdf", "PDF", resolution=200.0)  # an image-only PDF: no text layer
    return {"png": d / "qd-123.png", "pdf": d / "qd-123.pdf"}


@pytest.mark.parametrize("kind", ["png", "pdf"])
def test_rendered_vietnamese_comes_back(rendered: dict[str, Path], kind: str) -> None:
    t = read(rendered[kind])
    assert t.ocr_pages == 1 and t.pages == [0]
    assert t.ocr_confidence is not None and t.ocr_confidence > 85
    for words in (
        "Số: 123/QĐ-UBND",
        "Hà Nội, ngày 05 tháng 3 năm 2020",
        "Nghị quyết số 31-NQ/TW",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ):
        assert words in t.text, (words, t.text)


def test_the_ocrd_document_is_read_and_marked(rendered: dict[str, Path]) -> None:
    x = extract_file(str(rendered["pdf"]))
    own = x.docs[x.source]
    assert (own.symbol, own.date) == ("123/QĐ-UBND", "2020-03-05")
    assert own.ocr_pages == 1 and own.ocr_confidence is not None and own.ocr_confidence > 85
    assert "31-NQ/TW" in {d.symbol for d in x.docs.values()}
    assert any("read by OCR" in w for w in x.warnings)


def test_never_refuses_in_one_line(rendered: dict[str, Path]) -> None:
    for kind, problem in (
        ("pdf", "no text layer (scanned PDF? load with --ocr auto)"),
        ("png", "an image: its text can only be read by OCR (load with --ocr auto)"),
    ):
        with pytest.raises(LoadError) as e:
            read(rendered[kind], ocr="never")
        assert str(e.value) == f"{rendered[kind]}: {problem}"


def test_load_ocr_marks_the_node_and_counts_pages(rendered: dict[str, Path], tmp_path: Path) -> None:
    store = str(tmp_path / "g.db")
    runner = CliRunner()
    never = runner.invoke(app, ["load", str(rendered["pdf"]), "--store", store, "--ocr", "never", "--json"])
    assert never.exit_code == 1 and json.loads(never.stdout)["failed"] == [
        f"{rendered['pdf']}: no text layer (scanned PDF? load with --ocr auto)"
    ]
    ok = runner.invoke(app, ["load", str(rendered["pdf"]), str(rendered["png"]), "--store", store, "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout)["loaded"] == 2
    shown = runner.invoke(app, ["show", "qd-123.pdf", "--store", store, "--json"])
    attrs = json.loads(shown.stdout)["attrs"]
    assert attrs["ocr_pages"] == 1 and attrs["ocr_confidence"] > 85


def test_page_progress_is_called_per_page(rendered: dict[str, Path]) -> None:
    calls: list[tuple[int, int]] = []
    read(rendered["pdf"], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]


# ----------------------------------------------------------------------------------------- real scans


@pytest.fixture(scope="module")
def scans(tesseract: None) -> dict[str, Text]:
    if not SCANS.exists():
        _need(f"{SCANS} is missing (the shared sample corpus)")
    return {p.name.split("_")[0]: read(p) for p in sorted(SCANS.glob("*.pdf"))}


def test_real_scans_are_read(scans: dict[str, Text]) -> None:
    expected = {  # what Tesseract 5.3 reads there (typed, not handwritten, words)
        "CV2265-BCT-ATMT": (3, ["BỘ CÔNG THƯƠNG", "BCT-ATMT", "Hà Nội", "Kính gửi: Ủy ban nhân dân"]),
        "CV813-HC-CNHC": (2, ["CỤC HÓA CHẤT", "/HC-CNHC", "Kính gửi: Cục Hải quan", "Nghị định"]),
        "ND161-2024-ND-CP": (1, ["Phụ lục", "61/2024/NĐ-CP", "Độc lập - Tự do - Hạnh phúc"]),
    }
    for name, (pages, words) in expected.items():
        t = scans[name]
        assert t.ocr_pages == pages and t.pages is not None and len(t.pages) == pages
        assert t.ocr_confidence is not None and t.ocr_confidence > 70, (name, t.ocr_confidence)
        for w in words:
            assert w in t.text, (name, w)


def test_real_scan_extracts_its_citations(scans: dict[str, Text]) -> None:
    from policygraph.loaders.extract import extract_text

    x = extract_text(scans["CV2265-BCT-ATMT"])
    assert {"555/QĐ-BCT", "38/2025/TT-BCT"} <= {d.symbol for d in x.docs.values()}


# -------------------------------------------------------------------------------------------- hostile


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` x `height` pixels and holds almost none."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
        + chunk(b"IEND", b"")
    )


def test_huge_images_are_refused_before_decoding(tmp_path: Path) -> None:
    from PIL import Image

    real = tmp_path / "huge.png"  # a real 20,000 x 20,000 image (1 bit per pixel: 90 kB on disk)
    Image.new("1", (20_000, 20_000), 1).save(real)
    (tmp_path / "big.png").write_bytes(png_header(12_000, 12_000))
    (tmp_path / "liar.tif").write_bytes(b"II*\x00" + b"\xff" * 64)
    for name, problem in (
        ("huge.png", "image too large to OCR (more than 179 million pixels"),
        ("big.png", "image too large to OCR (12,000 x 12,000 pixels; the limit is 120 million)"),
        ("liar.tif", "not a valid image"),
    ):
        start = time.perf_counter()
        with pytest.raises(LoadError) as e:
            read(tmp_path / name)
        assert time.perf_counter() - start < 5
        msg = str(e.value)
        assert "\n" not in msg and msg.startswith(f"{tmp_path / name}: {problem}"), msg


def test_a_page_that_runs_too_long_is_stopped(rendered: dict[str, Path]) -> None:
    from PIL import Image

    with Image.open(rendered["png"]) as im:
        with pytest.raises(ocr.OcrError, match=r"^OCR took more than 1 s$"):
            ocr.ocr_image(im.resize((im.width * 3, im.height * 3)), timeout=0.01)


@pytest.mark.parametrize("jobs", [1, 2])
def test_load_ticks_each_page_ocrd(rendered: dict[str, Path], tmp_path: Path, jobs: int) -> None:
    from policygraph.graph.ingest import Found, load_files

    ticks: list[tuple[str, int]] = []
    files = [Found(str(rendered[k]), rendered[k].name) for k in ("pdf", "png")]
    result = load_files(str(tmp_path / "g.db"), files, jobs=jobs, progress=lambda what, n: ticks.append((what, n)))
    assert sorted(result.loaded) == ["qd-123.pdf", "qd-123.png"] and not result.failed
    assert ticks.count(("ocr page", 1)) == 2 and ticks.count(("loaded", 1)) == 2


def mixed_pdf(path: Path, png: Path, pages: list[str | None], footer: str | None = None) -> Path:
    """A PDF whose pages are text (a str, typeset in DejaVu Sans) or the scanned page `png` (None), the
    scans with `footer` as their only text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    for page in pages:
        pdf.add_page()
        if page is None:
            pdf.image(str(png), x=0, y=0, w=210, h=297)
            if footer:
                pdf.set_xy(10, 285)
                pdf.cell(0, 5, footer)
        else:
            pdf.multi_cell(0, 8, page)
    pdf.output(str(path))
    return path


def test_auto_ocrs_only_the_pages_without_text(rendered: dict[str, Path], tmp_path: Path) -> None:
    typed = "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    p = mixed_pdf(tmp_path / "mixed.pdf", rendered["png"], [None, typed])
    auto, never = read(p), read(p, ocr="never")
    assert (auto.ocr_pages, never.ocr_pages) == (1, 0)
    assert "123/QĐ-UBND" in auto.text and auto.text[auto.pages[1] :].startswith(typed)
    assert "123/QĐ-UBND" not in never.text and never.text.strip() == typed


def test_a_scanner_footer_is_no_text_layer(rendered: dict[str, Path], tmp_path: Path) -> None:
    p = mixed_pdf(tmp_path / "cam.pdf", rendered["png"], [None], footer="Scanned with CamScanner")
    t = read(p)
    assert t.ocr_pages == 1 and "Số: 123/QĐ-UBND" in t.text


def test_too_many_pages_to_ocr_is_one_line_before_any_ocr(rendered: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    small = tmp_path / "small.png"
    Image.new("L", (40, 40), 255).save(small)
    p = mixed_pdf(tmp_path / "many.pdf", small, [None] * (ocr.MAX_OCR_PAGES + 1))
    start = time.perf_counter()
    with pytest.raises(LoadError) as e:
        read(p)
    assert time.perf_counter() - start < 20
    assert str(e.value) == f"{p}: too many pages to OCR ({ocr.MAX_OCR_PAGES + 1}; the limit is {ocr.MAX_OCR_PAGES})"


def test_a_file_that_takes_too_long_is_stopped(
    rendered: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ocr, "FILE_SECONDS", 1.0)
    p = mixed_pdf(tmp_path / "three.pdf", rendered["png"], [None, None, None])
    start = time.perf_counter()
    with pytest.raises(LoadError) as e:
        read(p)
    assert time.perf_counter() - start < 10
    assert re.fullmatch(
        rf"{re.escape(str(p))}: page \d: OCR took more than 1 s( for this file \(the limit\))?", str(e.value)
    ), str(e.value)


def test_jpeg_and_multipage_tiff(rendered: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    with Image.open(rendered["png"]) as im:
        im.convert("RGB").save(tmp_path / "qd.jpg", quality=85)
        blank = Image.new("L", im.size, 255)
        im.save(tmp_path / "qd.tif", save_all=True, append_images=[blank], compression="tiff_deflate")
    jpg, tif = read(tmp_path / "qd.jpg"), read(tmp_path / "qd.tif")
    assert jpg.format == "jpeg" and jpg.ocr_pages == 1 and "123/QĐ-UBND" in jpg.text
    assert tif.format == "tiff" and tif.ocr_pages == 2 and tif.pages is not None and len(tif.pages) == 2
    assert "123/QĐ-UBND" in tif.text[: tif.pages[1]] and not tif.text[tif.pages[1] :].strip()


def test_text_on_a_transparent_background(rendered: dict[str, Path], tmp_path: Path) -> None:
    from PIL import Image

    with Image.open(rendered["png"]) as im:
        ink = Image.new("RGBA", im.size, (0, 0, 0, 0))
        ink.putalpha(im.point(lambda v: 255 - v))  # black where the page is dark, transparent elsewhere
    ink.save(tmp_path / "clear.png")
    assert "Số: 123/QĐ-UBND" in read(tmp_path / "clear.png").text
