"""PDF text layers read through PDFium (loaders.pdf): real gazette and TCVN3 PDFs from the shared sample
corpus (../shared/corpus/formats/pdf_text), a valid PDF written by hand with the /Fl filter abbreviation,
running heads, and a PDF of 2,000 blank pages (one line, fast)."""

from __future__ import annotations

import os
import re
import time
import unicodedata
import zlib
from pathlib import Path

import pytest

from policygraph.loaders.extract import extract_file
from policygraph.loaders.models import LoadError
from policygraph.loaders.pdf import strip_running_heads
from policygraph.loaders.readers import read

ROOT = Path(__file__).resolve().parents[1]
# ../shared as every developer and CI run has it (found from a worktree one level deeper too)
FORMATS = next(
    (p / "shared" / "corpus" / "formats" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus" / "formats",
)
GAZETTE = FORMATS / "pdf_text" / "CongBao_1263-1264_2015_BLHS-100-2015-QH13_P1.pdf"
TCVN3_PDF = FORMATS / "pdf_text" / "TT01-2006-TT-NHNN_tcvn3-textlayer.pdf"
# skipped without the shared sample corpus, except on CI, where it is always there (the test then fails)
needs_corpus = pytest.mark.skipif(
    not GAZETTE.exists() and not os.environ.get("CI"), reason="the shared sample corpus is not here"
)
WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(unicodedata.normalize("NFC", text))]


def share_known(text: str, reference: str) -> float:
    """The share of the words of `text` that are words of `reference` (split syllables are not)."""
    known = set(words(reference))
    got = words(text)
    return sum(w in known for w in got) / len(got)


@needs_corpus
def test_gazette_pdf_reads_whole_syllables() -> None:
    t = read(GAZETTE)
    law = read(FORMATS / "html" / "vbpl_toanvan_BLHS_100-2015-QH13.html").text
    assert t.format == "pdf" and t.pages is not None and t.ocr_pages == 0
    assert share_known(t.text, law) > 0.99  # pypdf: 0.87 ("con ng ười", "b ảo vệ")
    assert "quyền con người" in t.text and "con ng ười" not in t.text


@needs_corpus
def test_gazette_running_heads_are_not_the_documents() -> None:
    t = read(GAZETTE)
    assert "CÔNG BÁO" not in t.text and "31-12-2015" not in t.text
    assert not any(re.fullmatch(r"\s*\d{1,3}\s*", ln) for ln in t.text.split("\n"))
    x = extract_file(str(GAZETTE))
    own = x.docs[x.source]
    assert own.symbol == "100/2015/QH13" and own.date != "2015-12-31"
    assert t.pages is not None and len(t.pages) == 41  # gazette pages 40-79, and an empty one
    assert t.text[t.pages[1] :].startswith("d) Nghiêm trị người phạm tội")  # gazette page 41 without its head


def test_running_heads_on_either_side() -> None:
    page = "CÔNG BÁO/Số 1093 + 1094/Ngày 21-11-2020 53\nĐiều 5. Hiệu lực thi hành\n- 53 -"
    assert strip_running_heads(page) == "Điều 5. Hiệu lực thi hành"
    body = "Điều 5. Theo Công báo số 12 ngày 21-11-2020\n2020"  # a number closing a sentence's page stays if alone
    assert strip_running_heads(body) == "Điều 5. Theo Công báo số 12 ngày 21-11-2020"
    assert strip_running_heads("Chương 12") == "Chương 12"


@needs_corpus
def test_tcvn3_pdf_substitutes_are_mapped() -> None:
    t = read(TCVN3_PDF)
    truth = (FORMATS / "pdf_text" / "TT01-2006-TT-NHNN_tcvn3-textlayer.groundtruth.txt").read_text(encoding="utf-8")
    assert "\u2212" not in t.text and "\u2219" not in t.text
    assert "nhà nước" in t.text and "xã hội" in t.text and "Thông tư" in t.text
    assert set(words(t.text)) == set(words(truth))  # every word of the transcript, and no other


def fl_pdf(text: str, repeat: int = 1) -> bytes:
    """A valid one-page PDF whose content stream (`text` shown `repeat` times) is compressed with the
    filter written /Fl (the abbreviation of /FlateDecode), with a correct cross-reference table."""
    content = zlib.compress(f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET\n".encode("latin-1") * repeat, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d /Filter /Fl >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_flate_abbreviation_is_a_valid_pdf(tmp_path: Path) -> None:
    # pypdf 7 refuses this file ("The filter name /Fl is deprecated and has been removed in pypdf 7.0.0")
    p = tmp_path / "fl.pdf"
    p.write_bytes(fl_pdf("Thuc hien Nghi quyet so 31-NQ/TW ngay 30/12/2022"))
    t = read(p)
    assert "31-NQ/TW" in t.text and t.pages == [0]


def test_two_thousand_blank_pages_are_one_line_and_fast(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2000):
        pdf.add_page()
    p = tmp_path / "blank.pdf"
    pdf.output(str(p))
    for mode in ("auto", "always"):
        start = time.perf_counter()
        with pytest.raises(LoadError) as e:
            read(p, ocr=mode)
        assert time.perf_counter() - start < 30
        assert str(e.value) == f"{p}: no text: its 2,000 pages have no text layer and no image (blank pages)"


def test_a_pdf_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    p = tmp_path / "bomb.pdf"
    p.write_bytes(fl_pdf("Nghi quyet so 31-NQ/TW", repeat=1_000_000))  # 55 MB of drawing in about 150 kB
    assert p.stat().st_size < 300_000
    start = time.perf_counter()
    with pytest.raises(LoadError) as e:
        read(p)
    assert time.perf_counter() - start < 5
    assert str(e.value) == f"{p}: not read: a stream inflates past 32 MB (a PDF bomb?)"


def test_broken_pdfs_are_one_line(tmp_path: Path) -> None:
    good = fl_pdf("Nghi quyet so 31-NQ/TW")
    for name, data in (("cut.pdf", good[:200]), ("junk.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(LoadError) as e:
            read(tmp_path / name)
        msg = str(e.value)
        assert "\n" not in msg and msg.startswith(f"{tmp_path / name}: "), msg


@pytest.mark.parametrize(("user", "problem"), [("secret", "encrypted PDF (needs a password)"), ("", None)])
def test_encrypted_pdfs(tmp_path: Path, user: str, problem: str | None) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fl_pdf("Nghi quyet so 31-NQ/TW"))))
    writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as f:
        writer.write(f)
    if problem is None:  # no user password: anyone may open it
        assert "31-NQ/TW" in read(p).text
    else:
        with pytest.raises(LoadError) as e:
            read(p)
        assert str(e.value) == f"{p}: {problem}"


def test_a_huge_page_is_rendered_within_the_pixel_cap(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    from fpdf import FPDF

    from policygraph.loaders import ocr, pdf

    doc = FPDF(unit="pt", format=(14_400, 14_400))  # 200 x 200 inches, the largest page PDF allows
    doc.add_page()
    doc.output(str(tmp_path / "huge.pdf"))
    start = time.perf_counter()
    image = pdf._render(pdfium.PdfDocument(str(tmp_path / "huge.pdf"))[0], 0)
    assert time.perf_counter() - start < 10
    assert image.width * image.height <= ocr.MAX_RENDER_PIXELS and image.width > 6000  # not 60,000 (300 dpi)
