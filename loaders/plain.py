"""Plain text files: decoded (a BOM, UTF-8, else the legacy Vietnamese encodings), binary files refused.

>>> decode_text("a.txt", "\\ufeffSố: 1".encode("utf-8"))
'Số: 1'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from . import legacy_vn
from .files import fail

__all__ = ["BOMS", "binary_bytes", "decode_text", "mostly_not_text", "newlines"]


def newlines(s: str) -> str:
    return s.replace("\r\n", "\n").replace("\r", "\n")


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# control characters that do not occur in text (tab, newlines, form feed and escape do)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"


def binary_bytes(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad > max(2, len(sample) // 20)


# Characters that do not occur in text: controls (but tab, line ends, form feed, escape), surrogates,
# private use; and, checked one by one among the characters outside common scripts, unassigned ones.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U0010ffff]")
_COMMON = re.compile(
    "[\t-\r\x1b\x20-\x7e\xa0-\u036f\u1e00-\u1eff\u2000-\u2064\u2070\u2071\u2074-\u208e\u2090-\u209c\u20a0-\u20c0\u2100-\u218b\u2190-\u23ff\u2460-\u27bf]+"
)


def mostly_not_text(s: str) -> bool:
    """Whether more than 1 in 20 of the first 8,192 characters are no text (controls, unassigned...).

    >>> mostly_not_text("Nghị quyết số 31-NQ/TW\\n" * 50)
    False
    >>> mostly_not_text("\\x01\\ue000\\u0378 x" * 50)  # a control, a private-use, an unassigned character
    True
    """
    sample = s[:8192]
    if _COMMON.fullmatch(sample):
        return False
    bad = len(_NOT_TEXT.findall(sample))
    rare = Counter(_COMMON.sub("", sample))
    bad += sum(n for c, n in rare.items() if unicodedata.category(c) == "Cn")
    return bad > max(2, len(sample) // 20)


def decode_text(name: str, data: bytes) -> str:
    """Decode a text file: BOM-marked UTF-8/16/32, else UTF-8; anything else fails."""
    if not data.strip():
        raise fail(name, "empty file")
    for bom, enc in BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            # A real UTF-16/32 text of Latin script is full of 00 bytes; \xff\xfe junk without them is not.
            if enc.startswith(("utf-16", "utf-32")) and body and b"\x00" not in body:
                break
            try:
                text = body.decode(enc)
            except UnicodeDecodeError as e:
                raise fail(name, f"not valid {enc.upper()} text ({e.reason} at byte {e.start + len(bom)})") from e
            if mostly_not_text(text):
                raise fail(name, "binary file, not text")
            if not text.strip():
                raise fail(name, "empty file")
            return text
    if binary_bytes(data):
        raise fail(name, "binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        legacy = legacy_vn.decode(data)
        if legacy is None:
            raise fail(
                name,
                f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}), nor Vietnamese "
                "in Windows-1258, TCVN3 or VNI; save the file as UTF-8",
            ) from e
        text = legacy[0]
    if mostly_not_text(text):
        raise fail(name, "binary file, not text")
    return text
