"""Readers: every format, every failure, folder expansion. Files are generated in tmp_path.

The text comes from the sample corpus (examples/corpus) and the Vietnamese laws corpus.
"""

from __future__ import annotations

import doctest
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.loaders import plain, readers
from policygraph.loaders.models import LoadError
from policygraph.loaders.readers import SUPPORTED, iter_files, read, scan

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADER = (
    "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH\nBAN TUYÊN GIÁO\n\nTP. Hồ Chí Minh, ngày 11 tháng 10 năm 2023\n\nSố 1330 -CV/BTGTU"
)
BODY = (
    "Thực hiện Chương trình làm việc năm 2023 của Thành ủy, Ban Thường vụ Thành ủy, Thường trực Thành ủy "
    "khóa XI; ngày 10 tháng 10 năm 2023, Hội nghị Ban Chấp hành Đảng bộ thành phố lần thứ 23 khóa XI "
    "(mở rộng) được tổ chức tại Hội trường thành phố đã thành công tốt đẹp."
)
LAW = "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Thủy lợi."


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def error(path: Path) -> str:
    with pytest.raises(LoadError) as e:
        read(path)
    msg = str(e.value)
    assert "\n" not in msg and msg.startswith(f"{path}: "), msg  # one line: "<path>: <problem>"
    return msg[len(str(path)) + 2 :]


def test_doctests() -> None:
    assert doctest.testmod(readers).failed == 0


# ---------------------------------------------------------------------------------------------- text


def test_txt_as_in_the_file(tmp_path: Path) -> None:
    # not normalised: an NFD word stays NFD, old-style tones stay, spacing stays
    nfd = unicodedata.normalize("NFD", "Hội nghị")
    text = f"{HEADER}\n\n{nfd}  Thành uỷ   khóa XI\t(mở rộng)\n"
    t = read(write(tmp_path / "a.txt", text))
    assert (t.text, t.format, t.pages, t.path) == (text, "txt", None, str(tmp_path / "a.txt"))
    assert t.name == "a.txt"


def test_md_format(tmp_path: Path) -> None:
    t = read(write(tmp_path / "n.md", "# NGHỊ QUYẾT\n\n**Số 31-NQ/TW**\n"))
    assert (t.format, t.text) == ("md", "# NGHỊ QUYẾT\n\n**Số 31-NQ/TW**\n")


def test_sample_corpus_reads_byte_for_byte() -> None:
    files = iter_files([CORPUS])
    assert len(files) == 5
    for f in files:
        assert read(f).text == f.read_bytes().decode("utf-8").replace("\r\n", "\n")


def test_newlines_and_bom(tmp_path: Path) -> None:
    raw = "\ufeff" + HEADER.replace("\n", "\r\n") + "\r" + BODY + "\r\n"
    t = read(write(tmp_path / "crlf.txt", raw))
    assert t.text == HEADER + "\n" + BODY + "\n"
    assert not t.text.startswith("\ufeff")


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, enc: str) -> None:
    data = ("\ufeff" + LAW.replace("\n", "\r\n")).encode(enc)
    assert read(write(tmp_path / "u.txt", data)).text == LAW


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty(tmp_path: Path, content: bytes) -> None:
    assert "empty" in error(write(tmp_path / "e.txt", content))


def test_binary_png(tmp_path: Path) -> None:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
        b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    assert error(write(tmp_path / "image.txt", png)) == "binary file, not text"


def test_binary_without_nul(tmp_path: Path) -> None:
    junk = bytes(range(1, 32)) * 40 + b"abc"
    assert error(write(tmp_path / "junk.md", junk)) == "binary file, not text"


def test_undecodable_latin1(tmp_path: Path) -> None:
    # "Nghị quyết" typed in a legacy 8-bit encoding: not UTF-8
    data = "Ngh\u00ec quy\u00eat s\u00f4\u0301 31".encode("latin-1", errors="replace") + b" \xff\xfe junk"
    msg = error(write(tmp_path / "legacy.txt", data))
    assert msg.startswith("not UTF-8 text (byte 0xec at offset 3)")


def test_ff_fe_junk_without_a_real_utf16_body(tmp_path: Path) -> None:
    # starts like a UTF-16 BOM but holds latin-1 bytes (no 00 byte): not taken for UTF-16
    msg = error(write(tmp_path / "bom.txt", b"\xff\xfeNgh\xec quy\xeat"))
    assert msg.startswith("not UTF-8 text (byte 0xff at offset 0)")
    # a true UTF-16 BOM with an odd number of bytes after it
    assert "not valid UTF-16-LE" in error(write(tmp_path / "odd.txt", b"\xff\xfeN\x00g"))


# ---------------------------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Nghị định 262/2026/NĐ-CP</title>
<style>.x { color: red }</style><script>var place = "Hà Nội";</script></head>
<body>
<nav><a href="/">Trang chủ</a> | <a href="/vb">Văn bản pháp luật</a></nav>
<div class="thuoctinh">
  <table>
    <tr><th>Số hiệu</th><td>262/2026/NĐ-CP</td></tr>
    <tr><td>Loại văn bản</td><td>Nghị định</td></tr>
    <tr><td>Ngày   ban hành</td><td><span>01/10/2026</span></td></tr>
    <tr><td>Cơ quan ban hành</td><td><table><tr><td>Chính phủ</td></tr></table></td></tr>
    <tr><td></td><td></td></tr>
  </table>
</div>
<h1>NGHỊ ĐỊNH</h1>
<p>Căn cứ <b>Luật</b> Tổ chức Chính phủ
   ngày 18 tháng 02 năm 2025;<br>Theo đề nghị của Bộ trưởng&nbsp;Bộ Tư pháp;</p>
<!-- a comment that is not text -->
<ul><li>Điều 1. Phạm vi điều chỉnh</li><li>Điều 2. Đối tượng áp dụng</li></ul>
<div>Nơi nhận:<div>- Như Điều 3;</div></div><noscript>Bật JavaScript</noscript>
</body></html>"""


def test_html_page_with_metadata_table(tmp_path: Path) -> None:
    t = read(write(tmp_path / "nd.html", PAGE))
    assert t.format == "html" and t.pages is None
    assert t.text.split("\n") == [
        "| Số hiệu | 262/2026/NĐ-CP |",
        "| Loại văn bản | Nghị định |",
        "| Ngày ban hành | 01/10/2026 |",
        "| Cơ quan ban hành | Chính phủ |",
        "NGHỊ ĐỊNH",
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "Theo đề nghị của Bộ trưởng Bộ Tư pháp;",
        "Điều 1. Phạm vi điều chỉnh",
        "Điều 2. Đối tượng áp dụng",
        "Nơi nhận:",
        "- Như Điều 3;",
    ]


def test_html_symbol_table_feeds_the_header(tmp_path: Path) -> None:
    from policygraph.loaders.header import read_header

    t = read(write(tmp_path / "nd.htm", PAGE))
    assert t.format == "html"
    h = read_header(t.text, [])
    assert h.date == "2026-10-01" and h.label == "Decree"


def test_html_charset_from_meta(tmp_path: Path) -> None:
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'></head>"
        "<body><p>Caf\u00e9 \u00e0 la Ha Noi</p></body></html>"
    )
    assert read(write(tmp_path / "w.html", page.encode("cp1252"))).text == "Café à la Ha Noi"
    bad = b"<html><head><meta charset='x-unknown-99'></head><body>x</body></html>"
    assert "unknown charset" in error(write(tmp_path / "bad.html", bad))


def test_html_failures(tmp_path: Path) -> None:
    assert "empty" in error(write(tmp_path / "e.html", b"  \n"))
    assert "empty" in error(write(tmp_path / "s.html", b"<html><head><script>var a;</script></head><body> </body>"))
    assert "not valid utf-8" in error(write(tmp_path / "l.htm", b"<p>Ngh\xec quy\xeat</p>"))


# ---------------------------------------------------------------------------------------------- DOCX


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH")
    meta = d.add_table(rows=2, cols=2)
    meta.cell(0, 0).text, meta.cell(0, 1).text = "Số hiệu", "262/2026/NĐ-CP"
    meta.cell(1, 0).text, meta.cell(1, 1).text = "Ngày ban hành", "01/10/2026"
    d.add_paragraph("NGHỊ ĐỊNH")
    p = d.add_paragraph("Căn cứ ")
    p.add_run("Luật Tổ chức Chính phủ").bold = True
    p.add_run(" ngày 18 tháng 02 năm 2025;")
    t = d.add_table(rows=2, cols=3)
    merged = t.cell(0, 0).merge(t.cell(0, 1))
    merged.text = "Nơi nhận:"
    t.cell(0, 2).text = "TM. CHÍNH PHỦ"
    t.cell(1, 0).text = "- Như Điều 3;"
    inner = t.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "THỦ TƯỚNG", "(đã ký)"
    d.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    d.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    t = read(make_docx(tmp_path / "nd.docx"))
    assert t.format == "docx" and t.pages is None
    assert t.text.split("\n") == [
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH",
        "| Số hiệu | 262/2026/NĐ-CP |",
        "| Ngày ban hành | 01/10/2026 |",
        "NGHỊ ĐỊNH",
        "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;",
        "| Nơi nhận: | TM. CHÍNH PHỦ |",  # the merged cell once
        "| - Như Điều 3; |  | THỦ TƯỚNG (đã ký) |",  # an empty cell; the nested table inside its cell
        "Điều 1. Phạm vi điều chỉnh",
    ]


FOOTNOTES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">Điều này được sửa đổi theo </w:t></w:r>'
    "<w:r><w:t>Luật số 03/2022/QH15.</w:t></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def add_footnotes(src: Path, dst: Path) -> Path:
    """python-docx cannot write footnotes: add a footnotes part to the package by hand."""
    zin = zipfile.ZipFile(src)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn1" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                    b'Target="footnotes.xml"/></Relationships>',
                )
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", FOOTNOTES.encode("utf-8"))
    dst.write_bytes(buf.getvalue())
    return dst


def test_docx_footnotes_follow_the_body(tmp_path: Path) -> None:
    t = read(add_footnotes(make_docx(tmp_path / "a.docx"), tmp_path / "fn.docx"))
    body, notes = t.text.split("\n\n")
    assert body.endswith("Điều 1. Phạm vi điều chỉnh")
    assert notes == "[^1]: Điều này được sửa đổi theo Luật số 03/2022/QH15."


def test_docx_failures(tmp_path: Path) -> None:
    good = make_docx(tmp_path / "good.docx").read_bytes()
    assert error(write(tmp_path / "junk.docx", b"this is not a word file")) == "not a valid DOCX (not a zip package)"
    assert "not a valid DOCX" in error(write(tmp_path / "half.docx", good[: len(good) // 2]))
    assert "old binary .doc" in error(write(tmp_path / "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "xin chào")
    assert "not a valid DOCX" in error(write(tmp_path / "zip.docx", buf.getvalue()))
    assert "empty" in error(write(tmp_path / "empty.docx", b""))
    d = docx.Document()
    d.add_paragraph("   ")
    d.save(str(tmp_path / "blank.docx"))
    assert "empty" in error(tmp_path / "blank.docx")


# ---------------------------------------------------------------------------------------------- PDF

PDF_PAGES = [
    "BỘ CHÍNH TRỊ\nSố 31-NQ/TW\nNGHỊ QUYẾT\nvề phương hướng, nhiệm vụ phát triển Thành phố Hồ Chí Minh",
    "Điều 2. Khánh Hòa, Thừa Thiên Huế và tỉnh Đồng Nai thực hiện.",
]


def make_pdf(path: Path, pages: list[str], font: bool = True) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    if font:
        pdf.add_font("DejaVu", fname=str(FONT))
        pdf.set_font("DejaVu", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
        else:  # a "scanned" page: drawing only, no text
            pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


needs_font = pytest.mark.skipif(not FONT.exists(), reason="DejaVu fonts not installed")


@needs_font
def test_pdf_pages_and_offsets(tmp_path: Path) -> None:
    t = read(make_pdf(tmp_path / "nq.pdf", PDF_PAGES))
    assert t.format == "pdf"
    assert t.pages is not None and len(t.pages) == 2 and t.pages[0] == 0
    # pages are joined by a blank line when the first ends a sentence, by a line break when it runs on
    sep = "\n\n" if PDF_PAGES[0].rstrip()[-1] in ".!?:;" else "\n"
    first, second = t.text[: t.pages[1] - len(sep)], t.text[t.pages[1] :]
    assert t.text[t.pages[1] - len(sep) : t.pages[1]] == sep
    assert first.split() == PDF_PAGES[0].split()
    assert second.split() == PDF_PAGES[1].split()
    assert "Thành phố Hồ Chí Minh" in first and "Khánh Hòa" in second


@needs_font
def test_pdf_sentence_across_pages_stays_whole(tmp_path: Path) -> None:
    t = read(make_pdf(tmp_path / "run.pdf", ["Tiếp tục triển khai thực hiện", "Nghị quyết số 31-NQ/TW."]))
    assert t.text == "Tiếp tục triển khai thực hiện\nNghị quyết số 31-NQ/TW."


@needs_font
def test_pdf_with_a_blank_page_keeps_page_offsets(tmp_path: Path) -> None:
    t = read(make_pdf(tmp_path / "gap.pdf", [PDF_PAGES[0], "", PDF_PAGES[1]]))
    assert t.pages is not None and len(t.pages) == 3
    assert t.text[t.pages[2] :].startswith("Điều 2.")


def test_blank_pdf(tmp_path: Path) -> None:
    blank = make_pdf(tmp_path / "scan.pdf", ["", ""], font=False)
    assert error(blank) == "no text: its 2 pages have no text layer and no image (blank pages)"
    with pytest.raises(LoadError) as e:
        read(blank, ocr="never")
    assert str(e.value) == f"{blank}: no text layer (scanned PDF? load with --ocr auto)"


@needs_font
def test_pdf_failures(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", PDF_PAGES).read_bytes()
    assert error(write(tmp_path / "text.pdf", "Nghị quyết số 31-NQ/TW")) == "not a valid PDF (no %PDF header)"
    assert error(write(tmp_path / "cut.pdf", good[:400])).startswith("not a valid PDF (")
    assert error(write(tmp_path / "junk.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)).startswith("not a valid PDF (")
    assert "empty" in error(write(tmp_path / "empty.pdf", b""))


# ---------------------------------------------------------------------------------------------- files


def test_folder_expansion(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.PDF",
        "sub/c.md",
        "sub/deeper/d.html",
        "z.docx",
        "image.gif",
        "notes.odt",
        ".hidden.txt",
        ".git/HEAD.txt",
        "sub/.cache/x.md",
        "~$z.docx",
    ):
        write(tmp_path / "corpus" / name, "x")
    got = iter_files([tmp_path / "corpus"])
    assert [p.relative_to(tmp_path / "corpus").as_posix() for p in got] == [
        "a.PDF",
        "b.txt",
        "sub/c.md",
        "sub/deeper/d.html",
        "z.docx",
    ]
    assert all(p.suffix.lower() in SUPPORTED for p in got)


def test_named_files_are_kept_and_fail_clearly(tmp_path: Path) -> None:
    gif = write(tmp_path / "scan.gif", b"GIF89a\x01\x00")
    txt = write(tmp_path / "a.txt", BODY)
    got = iter_files([str(gif), tmp_path, txt])  # str and Path; a.txt only once
    assert got == [gif, txt]
    assert re.fullmatch(r"unsupported file type '\.gif'; PolicyGraph reads .*", error(gif))


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match=r"nope: no such file or folder$"):
        iter_files([tmp_path / "nope"])
    assert error(tmp_path / "gone.txt") == "no such file"
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    assert error(folder) == "is a folder, not a file"


def test_every_sample_file_extracts(tmp_path: Path) -> None:
    from policygraph.loaders.extract import extract_file

    for f in iter_files([CORPUS]):
        x = extract_file(str(f))
        assert x.docs[x.source].jurisdiction in {"Thành phố Hồ Chí Minh", "Hải Phòng", "Long Khánh"}


def test_html_with_unclosed_tags_nesting_deep(tmp_path: Path) -> None:
    page = "<html><body>" + "<div><font>" * 5000 + "Nghị quyết số 31-NQ/TW" + "</font></div>" * 10 + "<p>Hết</p>"
    assert read(write(tmp_path / "deep.html", page)).text == "Nghị quyết số 31-NQ/TW\nHết"


def test_scan_names_every_file_it_passes_over(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for name in (
        "b.txt",
        "sub/c.md",
        "sub/old.wpd",
        "notes.odt",
        "scan.gif",
        "README",
        ".git/HEAD.txt",
        "~$b.docx",
        "sub/.cache/x.md",
    ):
        write(corpus / name, "x")
    s = scan([corpus])
    assert [(f.rel, f.path) for f in s.files] == [("b.txt", corpus / "b.txt"), ("sub/c.md", corpus / "sub" / "c.md")]
    assert [(Path(k.path).relative_to(corpus).as_posix(), k.reason) for k in s.skipped] == [
        ("README", "unsupported file type '(no extension)'"),
        ("notes.odt", "unsupported file type '.odt'; save it as .docx"),
        ("scan.gif", "unsupported file type '.gif'"),
        ("sub/old.wpd", "unsupported file type '.wpd'; save it as .docx"),
    ]  # hidden files and folders and Office lock files are passed over without a word


def test_scan_identifies_files_by_their_path_in_the_folder_given(tmp_path: Path) -> None:
    # same-named files in two folders are two files; a file named itself is known by its name
    a = write(tmp_path / "hcm" / "2023" / "nq.txt", "Nghị quyết số 31-NQ/TW")
    b = write(tmp_path / "hcm" / "2024" / "nq.txt", "Nghị quyết số 98/2023/QH15")
    c = write(tmp_path / "hp" / "kl.txt", "Kết luận số 14-KL/TW")
    s = scan([tmp_path / "hcm", c, a])  # a again: once, as first reached
    assert [(f.rel, f.path) for f in s.files] == [("2023/nq.txt", a), ("2024/nq.txt", b), ("kl.txt", c)]
    assert s.skipped == [] and iter_files([tmp_path / "hcm", c, a]) == [a, b, c]


def test_display_keeps_names_and_escapes_what_would_act() -> None:
    assert readers.display("Nghị quyết số 31 (bản chính).docx") == "Nghị quyết số 31 (bản chính).docx"
    assert readers.display("tài liệu\u00a0mới.txt") == "tài liệu\u00a0mới.txt"  # an odd space is a character
    assert readers.display("evil\u202etxt.exe") == "evil%E2%80%AEtxt.exe"  # a right-to-left override acts
    assert readers.display(Path("caf\udce9") / "x\ty.md") == "caf%E9/x%09y.md"


def _not_text_by_definition(s: str) -> bool:
    """The rule, one character at a time: controls other than tab/line ends/form feed/escape, unassigned,
    private-use and surrogate characters are no text; more than 1 in 20 (and more than 2) is no text."""
    sample = s[:8192]
    bad = sum(1 for c in sample if c not in "\t\n\r\f\v\x1b" and unicodedata.category(c) in ("Cc", "Cn", "Co", "Cs"))
    return bad > max(2, len(sample) // 20)


TEXTLIKE = st.text(
    st.one_of(
        st.sampled_from("Nghị quyết số 31-NQ/TW\n\t\x1b\u2013\u20ab\u2074"),
        st.characters(),
        st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF),
        st.characters(max_codepoint=0x1F),
    ),
    max_size=300,
)


@given(TEXTLIKE, st.integers(0, 40))
@settings(max_examples=300, deadline=None)
def test_the_fast_text_check_is_the_rule(text: str, repeat: int) -> None:
    s = text * repeat
    assert plain.mostly_not_text(s) == _not_text_by_definition(s)


@given(st.binary(max_size=300), st.integers(0, 40))
@settings(max_examples=200, deadline=None)
def test_the_fast_binary_check_is_the_rule(data: bytes, repeat: int) -> None:
    b = data * repeat
    sample = b[:8192]
    want = b"\x00" in sample or sum(1 for x in sample if x in plain._CONTROL_BYTES) > max(2, len(sample) // 20)
    assert plain.binary_bytes(b) == want


def test_the_fast_path_holds_only_assigned_characters() -> None:
    # every character the quick check lets through without a look is an assigned, non-control character
    import sys

    allowed = [chr(c) for c in range(sys.maxunicode + 1) if plain._COMMON.fullmatch(chr(c))]
    assert len(allowed) > 2000  # Latin, Vietnamese, punctuation, symbols
    assert all(unicodedata.category(c) not in ("Cn", "Co", "Cs") for c in allowed)
    assert all(unicodedata.category(c) != "Cc" or c in "\t\n\v\f\r\x1b" for c in allowed)
