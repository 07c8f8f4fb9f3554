"""Legacy Vietnamese encodings: TCVN3 (ABC) and VNI, as raw bytes or as mojibake saved in Unicode.

Before Unicode, Vietnamese documents were typed in 8-bit fonts. TCVN3 (TCVN 5712:1993, "ABC", the
.VnTime fonts) gives each toned lower-case letter one byte; capitals with tones have no code of their
own (the .VnTimeH fonts draw the lower-case codes as capitals). VNI (VNI-Windows, the VNI-Times
fonts) writes a base letter followed by a byte for its marks ("a" + "ù" = "á"). Both use the upper
half of the bytes, so read as Windows-1252 (which is what a Word file or a copy-paste in such a font
holds once saved as UTF-8) they look like "NghÞ quyÕt" (TCVN3) or "Nghò quyeát" (VNI).

No well-kept Python library converts them (on PyPI, `vniencoder` is about VNI typing keys, not the VNI
fonts, and `viparse` is a young document loader for RAG), so the two fixed, public tables are written
out here, with an encoder made from the same rows for the tests.

Detection compares readings: a reading is plausible when its non-ASCII words are Vietnamese
syllables (an onset, a vowel group, a final consonant, at most one tone). Text already in Unicode
keeps its letters outside Latin-1 (ư, ơ, đ, ạ, ế ...), which mojibake never has, so such lines are
never converted.

>>> to_unicode("NghÞ quyÕt sè 31-NQ/TW cña Bé ChÝnh trÞ", TCVN3)
'Nghị quyết số 31-NQ/TW của Bộ Chính trị'
>>> to_unicode("NGHÒ QUYEÁT cuûa Ban Thöôøng vuï Tænh uûy", VNI)
'NGHỊ QUYẾT của Ban Thường vụ Tỉnh ủy'
>>> from_unicode("Nghị quyết của Thành ủy", VNI)
'Nghò quyeát cuûa Thaønh uûy'
>>> repair("NGHÞ QUYÕT\\nvÒ ph¸t triÓn thµnh phè Hå ChÝ Minh ®Õn n¨m 2030")
('NGHỊ QUYẾT\\nvề phát triển thành phố Hồ Chí Minh đến năm 2030', 'TCVN3')
>>> repair("ng©n hµng nhµ n\\u2212íc\\ncéng hoµ x\\u2219 héi chñ nghÜa viÖt nam")
('ngân hàng nhà nước\\ncộng hoà xã hội chủ nghĩa việt nam', 'TCVN3')
>>> repair("Nghị quyết số 31-NQ/TW về thành phố Hồ Chí Minh")
('Nghị quyết số 31-NQ/TW về thành phố Hồ Chí Minh', None)
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

__all__ = ["TCVN3", "VNI", "WINDOWS_1258", "decode", "detect", "convert", "repair", "to_unicode", "from_unicode"]

TCVN3 = "TCVN3"
VNI = "VNI"
WINDOWS_1258 = "Windows-1258"

# Each Vietnamese vowel with its five tones, in this order: grave, acute, hook above, tilde, dot below.
_TONED = {
    "a": "àáảãạ",
    "ă": "ằắẳẵặ",
    "â": "ầấẩẫậ",
    "e": "èéẻẽẹ",
    "ê": "ềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọ",
    "ô": "ồốổỗộ",
    "ơ": "ờớởỡợ",
    "u": "ùúủũụ",
    "ư": "ừứửữự",
    "y": "ỳýỷỹỵ",
}

# TCVN3: one byte per lower-case letter (shown as its Latin-1 character): the vowel, then its five tones.
_TCVN3_ROWS = {
    "a": "aµ¸¶·¹",
    "ă": "¨»¾¼½Æ",
    "â": "©ÇÊÈÉË",
    "e": "eÌÐÎÏÑ",
    "ê": "ªÒÕÓÔÖ",
    "i": "i×ÝØÜÞ",
    "o": "oßãáâä",
    "ô": "«åèæçé",
    "ơ": "¬êíëìî",
    "u": "uïóñòô",
    "ư": "\u00adõøö÷ù",
    "y": "yúýûüþ",
}
# ... and the only capitals it has besides A-Z.
_TCVN3_EXTRA = {"đ": "®", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}

# VNI: the base letter, then a byte for its marks; i and ỵ and the horned letters have bytes of their own.
_VNI_ROWS = {
    "a": ["a", "aø", "aù", "aû", "aõ", "aï"],
    "ă": ["aê", "aè", "aé", "aú", "aü", "aë"],
    "â": ["aâ", "aà", "aá", "aå", "aã", "aä"],
    "e": ["e", "eø", "eù", "eû", "eõ", "eï"],
    "ê": ["eâ", "eà", "eá", "eå", "eã", "eä"],
    "i": ["i", "ì", "í", "æ", "ó", "ò"],
    "o": ["o", "oø", "où", "oû", "oõ", "oï"],
    "ô": ["oâ", "oà", "oá", "oå", "oã", "oä"],
    "ơ": ["ô", "ôø", "ôù", "ôû", "ôõ", "ôï"],
    "u": ["u", "uø", "uù", "uû", "uõ", "uï"],
    "ư": ["ö", "öø", "öù", "öû", "öõ", "öï"],
    "y": ["y", "yø", "yù", "yû", "yõ", "î"],
}
_VNI_EXTRA = {"đ": "ñ"}


def _letters(rows: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """{Vietnamese letter: its code} from rows of (vowel, five tones)."""
    out: dict[str, str] = {}
    for vowel, codes in rows.items():
        for letter, code in zip(vowel + _TONED[vowel], codes, strict=True):
            out[letter] = code
    return out


def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(TCVN3, VNI) as {letter: code}, every case. TCVN3 capitals with tones borrow the lower-case code."""
    tcvn3 = {**_letters(_TCVN3_ROWS), **_TCVN3_EXTRA}
    for letter, code in list(tcvn3.items()):
        if not letter.isascii():
            tcvn3.setdefault(letter.upper(), code)
    vni = {**_letters(_VNI_ROWS), **_VNI_EXTRA}
    vni.update({letter.upper(): code.upper() for letter, code in list(vni.items())})
    return ({k: v for k, v in tcvn3.items() if k != v}, {k: v for k, v in vni.items() if k != v})


_ENCODE = dict(zip((TCVN3, VNI), _tables(), strict=True))
_TCVN3_LETTERS = {code: letter for letter, code in _ENCODE[TCVN3].items() if letter.islower() or letter in _TCVN3_EXTRA}
# PDF text layers in TCVN3 fonts give two letters as the math signs whose glyph names the fonts reuse:
# byte 0xAD (ư, a soft hyphen in Latin-1) comes out as U+2212 MINUS SIGN, byte 0xB7 (ã, a middle dot) as
# U+2219 BULLET OPERATOR (TT01/2006/TT-NHNN in the sample corpus: "n−íc" is "nước", "x∙ héi" "xã hội")
PDF_SUBSTITUTES = {"\u2212": "\u00ad", "\u2219": "\u00b7"}
# str.translate with a str table: characters past its end are kept; it reaches the PDF substitutes
_TCVN3_DECODE = "".join(
    _TCVN3_LETTERS.get(PDF_SUBSTITUTES.get(chr(i), chr(i)), chr(i)) for i in range(max(map(ord, PDF_SUBSTITUTES)) + 1)
)
_VNI_DECODE = {code: letter for letter, code in _ENCODE[VNI].items()}
_VNI_RE = re.compile("(" + "|".join(map(re.escape, sorted(_VNI_DECODE, key=len, reverse=True))) + ")")
# Words in capitals hold lower-case codes for their toned letters in TCVN3 ("NGHÞ" is "NGHỊ"): a word
# of capitals and such letters only, with two capitals or a capital after a toned letter ("¸N" is "ÁN"),
# is in capitals; so is a whole line that holds such a word and no lower-case letter typed.
_CAPS = "A-ZĂÂÊÔƠƯĐ"
_LOW = "".join(sorted({c for c in _TCVN3_LETTERS.values() if c.islower()}))
_CAPS_RUN = re.compile(f"[{_CAPS}][{_CAPS}{_LOW}]*")  # led by a capital: the search skips to capitals
_LOWER_TYPED = re.compile("[a-z]")


def to_unicode(text: str, encoding: str) -> str:
    """Text read byte for byte as Latin-1 (or mojibake saved as Unicode) -> Vietnamese in Unicode (NFC).

    >>> to_unicode("§iÒu 1. Ph¹m vi ®iÒu chØnh", TCVN3)
    'Điều 1. Phạm vi điều chỉnh'
    >>> to_unicode("Ñieàu 1. Phaïm vi ñieàu chænh", VNI)
    'Điều 1. Phạm vi điều chỉnh'
    """
    letters = _letters_of(text, encoding)
    return _capitals_by_line(letters) if encoding == TCVN3 else letters


def _letters_of(text: str, encoding: str) -> str:
    """The letters decoded, TCVN3 capitals not yet restored (enough to judge a reading: it is lower-cased)."""
    if encoding == TCVN3:
        return text.translate(_TCVN3_DECODE)
    if encoding == VNI:
        parts = _VNI_RE.split(text)  # text, code, text, code, ..., text
        parts[1::2] = [_VNI_DECODE[code] for code in parts[1::2]]
        return "".join(parts)
    raise ValueError(f"unknown encoding {encoding!r}")


def _capitals_by_line(text: str) -> str:
    return "\n".join(map(_capitals, text.split("\n")))


def _capitals(line: str) -> str:
    """Words and lines in capitals of a TCVN3 line made capitals whole.

    >>> _capitals("BAN CHấP HàNH Hồ"), _capitals("Bộ Chính trị, UBND TỉNH, đề áN"), _capitals("Số: 12/NQ-TU")
    ('BAN CHẤP HÀNH HỒ', 'Bộ Chính trị, UBND TỈNH, đề ÁN', 'Số: 12/NQ-TU')
    """
    words = _words_in_capitals(line)
    if not words:
        return line
    if not _LOWER_TYPED.search(line):
        return line.upper()
    parts: list[str] = []
    last = 0
    for a, b in words:
        parts += [line[last:a], line[a:b].upper()]
        last = b
    return "".join(parts) + line[last:]


def _words_in_capitals(line: str) -> list[tuple[int, int]]:
    """Spans of the words of capitals and toned lower-case letters only that are in capitals."""
    out: list[tuple[int, int]] = []
    for m in _CAPS_RUN.finditer(line):
        a, b = m.span()
        if b < len(line) and line[b].isalpha():
            continue  # the word goes on with a letter typed in lower case
        while a > 0 and line[a - 1] in _LOW:
            a -= 1
        word = line[a:b]
        if (a == 0 or not line[a - 1].isalpha()) and not word.isupper() and _in_capitals(word):
            out.append((a, b))
    return out


def _in_capitals(word: str) -> bool:
    capitals = sum(1 for c in word if c.isupper())
    return capitals >= 2 or (capitals == 1 and not word[0].isupper())


def from_unicode(text: str, encoding: str) -> str:
    """Vietnamese Unicode -> the characters a legacy file holds (encode them as Latin-1 for its bytes).

    >>> from_unicode("NGHỊ QUYẾT về Điều 1", TCVN3)
    'NGHÞ QUYÕT vÒ §iÒu 1'
    >>> from_unicode("Sở Tư pháp", TCVN3).encode("latin-1")
    b'S\\xeb T\\xad ph\\xb8p'
    """
    table = _ENCODE[encoding]
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------------------------------------
# Which reading is Vietnamese
# --------------------------------------------------------------------------------------------------------

_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx]"
_NUCLEUS = (
    "iêu|oai|oay|oao|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|yêu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|"
    "oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_CODA = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(f"(?:{_ONSET})?(?:{_NUCLEUS})(?:{_CODA})?")
_NO_TONES = str.maketrans("", "", "\u0300\u0301\u0303\u0309\u0323")
# words: runs between spaces, ASCII punctuation and digits, and general punctuation (quotes, dashes)
_TOKEN = re.compile(r"[^\s!-@\[-`{-~\u2000-\u206f]+")
# letters of Vietnamese outside Latin-1: a line holding one is Unicode already
_MODERN = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
# Latin-1 characters that are no Vietnamese letter nor a sign Unicode documents use (°, ², ±, §, «, ...
# and Ð, a look-alike of Đ): legacy text is full of them.
_SIGNS = re.compile(
    "["
    + "".join(
        chr(c)
        for c in range(0xA1, 0x100)
        if chr(c) not in "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý°±²³¹×÷§©®«»·½¼¾µ¶¿¡Ðð\u00ad¬"
    )
    + "]"
)
_SAMPLE = 20_000  # characters scored to decide; the decision is then applied to the whole text


@functools.lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """Whether `word` is spelt as one Vietnamese syllable: onset, vowel group, final, at most one tone.

    >>> [is_syllable(w) for w in ("Nghị", "quyết", "khuya", "Đảng", "NghÞ", "quyeát", "café")]
    [True, True, True, True, False, False, False]
    """
    d = unicodedata.normalize("NFD", word.lower())
    bare = d.translate(_NO_TONES)
    if len(d) - len(bare) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None


def _plausible(text: str) -> tuple[int, int]:
    """(Vietnamese words, words) among the words of `text` holding a non-ASCII character."""
    good = total = 0
    for w, n in Counter(_TOKEN.findall(text)).items():
        if not w.isascii():
            total += n
            good += n * is_syllable(w)
    return good, total


def _sample(lines: list[str]) -> str:
    """The first lines, up to about _SAMPLE characters, as one text."""
    size = 0
    for i, ln in enumerate(lines):
        size += len(ln) + 1
        if size > _SAMPLE:
            return "\n".join(lines[: i + 1])
    return "\n".join(lines)


def detect(text: str) -> str | None:
    """TCVN3 or VNI when `text` is legacy text saved as Unicode (mojibake), else None.

    A reading wins when it makes at least 3 more words Vietnamese and 80% of its words are.

    >>> detect("Th«ng b¸o kÕt luËn cña Th\u00adêng trùc Thµnh ñy")
    'TCVN3'
    >>> detect("Thoâng baùo keát luaän cuûa Thöôøng tröïc Thaønh uûy")
    'VNI'
    >>> detect("Thông báo kết luận của Thường trực Thành ủy; café, naïve, Øresund ×3 ±1 ©")
    """
    if sum(1 for _ in zip(range(3), _SIGNS.finditer(text), strict=False)) < 3:
        return None
    lines = _sample([ln for ln in text.split("\n") if _SIGNS.search(ln) and not _MODERN.search(ln)])
    good, _ = _plausible(lines)
    best, best_gain = None, 2
    for enc in (TCVN3, VNI):
        conv_good, conv_total = _plausible(_letters_of(lines, enc))
        gain = conv_good - good
        if gain > best_gain and conv_good >= 0.8 * conv_total:
            best, best_gain = enc, gain
    return best


def _score(line: str) -> int:
    good, total = _plausible(line)
    return 2 * good - total


def convert(text: str, encoding: str | None) -> str:
    """`text` with its legacy lines read as `encoding`. Lines already in Unicode are kept, and so are
    lines without a sign of legacy text (a Latin-1 character that is no Vietnamese letter) that would
    read worse. Line breaks stay where they are.

    >>> convert("BAN CHÊP HµNH TRUNG ¦¥NG\\nHà Nội, ngày 5 tháng 6 năm 2024", TCVN3)
    'BAN CHẤP HÀNH TRUNG ƯƠNG\\nHà Nội, ngày 5 tháng 6 năm 2024'
    """
    if encoding is None:
        return text
    out: list[str] = []
    for line, conv in zip(text.split("\n"), to_unicode(text, encoding).split("\n"), strict=True):
        if conv == line or _MODERN.search(line):
            out.append(line)
        elif _SIGNS.search(line) or _score(conv) >= _score(line):
            out.append(conv)
        else:
            out.append(line)
    return "\n".join(out)


def repair(text: str) -> tuple[str, str | None]:
    """(text, None) for Unicode text; (converted text, encoding) for TCVN3 or VNI mojibake."""
    enc = detect(text)
    return convert(text, enc), enc


def decode(data: bytes) -> tuple[str, str] | None:
    """Bytes that are not UTF-8 read as Windows-1258, TCVN3 or VNI (TCVN3 and VNI over Windows-1252, as
    their fonts are): (text in Unicode NFC, encoding) for the reading whose words are Vietnamese (more
    than 4, and 80% of them, in the first _SAMPLE bytes), else None.

    >>> decode(from_unicode("Căn cứ Luật Tổ chức chính quyền địa phương", VNI).encode("cp1252"))
    ('Căn cứ Luật Tổ chức chính quyền địa phương', 'VNI')
    >>> decode(b"caf\\xe9 cr\\xe8me br\\xfbl\\xe9e") is None
    True
    """
    head = data[:_SAMPLE]
    if len(data) > _SAMPLE and (cut := head.rfind(b"\n")) > 0:
        head = head[:cut]
    best, best_good = None, 4
    for enc in (WINDOWS_1258, TCVN3, VNI):
        reading = _bytes_as(head, enc, capitals=False)
        if reading is None:
            continue
        good, total = _plausible(reading)
        if good > best_good and good >= 0.8 * total:
            best, best_good = enc, good
    if best is None:
        return None
    text = _bytes_as(data, best)
    return (text, best) if text is not None else None


def _bytes_as(data: bytes, encoding: str, capitals: bool = True) -> str | None:
    """`data` read as `encoding` (Unicode NFC); None where Windows-1258 has no character for a byte."""
    if encoding == WINDOWS_1258:
        try:
            return unicodedata.normalize("NFC", data.decode("cp1258"))
        except UnicodeDecodeError:
            return None
    if encoding == TCVN3:  # one pass: the TCVN3 letters over Windows-1252
        letters = codecs.charmap_decode(data, "strict", _TCVN3_BYTES)[0]
        return _capitals_by_line(letters) if capitals else letters
    return _letters_of(codecs.charmap_decode(data, "strict", _WINDOWS_1252)[0], encoding)


# Legacy fonts are Windows fonts: bytes 0x80-0x9F are Windows-1252 punctuation (“ ” – …); the five
# bytes it leaves undefined are read as Latin-1.
_WINDOWS_1252 = "".join(bytes([i]).decode("cp1252", "ignore") or chr(i) for i in range(256))
_TCVN3_BYTES = "".join(_TCVN3_LETTERS.get(chr(i), c) for i, c in enumerate(_WINDOWS_1252))
