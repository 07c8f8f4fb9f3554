"""Lists of documents, by their punctuation and layout alone: which mentions are members of one list
("A, B và C", "..., Phương án số "), which sentences are items of one list ("a) ", "- ", "2. ") and
which go on with the list of the sentence before (";" at its end), the page numbers between two items,
and the lines of a title written in capitals. No verb is read here: what a list's lead-in or verb says
of its members is loaders.wording's (which takes ITEM_MARK from here).

>>> same_list(" và "), starts_item("b) Quyết định"), page_furniture("- 12 -"), capitals("NGHỊ QUYẾT")
(True, True, True, True)
"""

from __future__ import annotations

import re

__all__ = [
    "ITEM_MARK",
    "capitals",
    "list_goes_on",
    "named_member",
    "next_member",
    "opens_with_mention",
    "page_furniture",
    "same_list",
    "starts_item",
]

#: the marker of a list item: "-", "+", "•", "2.", "2.1.", "a)", "(3)", "(b)"
ITEM_MARK = r"(?:[-+•*–]|\d{1,3}(?:\.\d{1,3})*[.)]|[a-zđ][.)]|\(\d{1,3}\)|\([a-zđ]\))"


# ------------------------------------------------------------------------------------- members of a list

_LIST_GAP = re.compile(r"^\s*(?:,|và|,\s*và)\s*$", re.IGNORECASE)


def same_list(gap: str) -> bool:
    """Do `gap`'s words only join two members of a list ("," / "và")?"""
    return bool(_LIST_GAP.match(gap))


_TITLE_THEN_LIST = re.compile(r"^\s*\"?\s*về\s[^;:]{0,300}?(?:,|\s+và|,\s*và)\s*$", re.IGNORECASE)


def next_member(gap: str, titled: bool) -> bool:
    """Is the mention after `gap` the next member of the list the one before it is in: joined by "," or
    "và", maybe after the first one's title (`titled`: "... về cập nhật Chương trình hành động và <B>")?

    >>> next_member(" về cập nhật chương trình và ", True), next_member(" về cập nhật chương trình và ", False)
    (True, False)
    """
    return same_list(gap) or (titled and bool(_TITLE_THEN_LIST.match(gap)))


_NAMED_MEMBER = re.compile(r"^\s*[,;]?\s*(?:và\s+)?(?:[A-ZĐ]\w*(?:\s+\w+){0,2}\s+số\s*)?$")


def named_member(gap: str) -> bool:
    """Is the mention after `gap` the next member of a list of documents, its type word one find does not
    know ("..., Phương án số ")?

    >>> named_member(", Phương án số "), named_member("; "), named_member(", đồng thời xây dựng ")
    (True, True, False)
    """
    return bool(_NAMED_MEMBER.match(gap))


# ------------------------------------------------------------------------------------------------- items

_STARTS_ITEM = re.compile(rf"\s*{ITEM_MARK}\s")


def starts_item(text: str) -> bool:
    """Does `text` start with an item marker ("a) ", "- ", "2. ")?

    >>> starts_item("b) Quyết định"), starts_item("Điều 3. Hiệu lực")
    (True, False)
    """
    return bool(_STARTS_ITEM.match(text))


# ------------------------------------------------------------------------------- lists across sentences

_GOES_ON = re.compile(r"^[^.:;!?]{0,300}[;,]\s*$")
_OPENS = re.compile(r"^\s*(?:và\s+)?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,4}(?:\s*-)?(?:\s*/\s*\d{1,4})?\s*$", re.IGNORECASE)


def list_goes_on(gap: str) -> bool:
    """Do the words after a list's member, up to the next sentence, end with ";" or "," (the list goes on
    there)? The member's own title may stand before.

    >>> list_goes_on(" về phòng, chống dịch;\\n"), list_goes_on(".\\n"), list_goes_on(" là cơ sở để:")
    (True, False, False)
    """
    return bool(_GOES_ON.match(gap))


def opens_with_mention(head: str) -> bool:
    """Does a sentence whose words before its first mention are `head` open with the mention?

    >>> opens_with_mention(" "), opens_with_mention("Ủy ban nhân dân tỉnh yêu cầu ")
    (True, False)
    """
    return bool(_OPENS.match(head))


def page_furniture(sentence: str) -> bool:
    """Is `sentence` a page number standing between two items of a list ("2", "- 3 -", "Trang 4")?

    >>> page_furniture("2\\n"), page_furniture("- 12 -"), page_furniture("2. Quyết định")
    (True, True, False)
    """
    return bool(_PAGE_NUMBER.match(sentence))


# -------------------------------------------------------------------------------- titles in capitals


def capitals(s: str, line: bool = False) -> bool:
    """Is `s` written in capitals (or empty, unless `line`: a whole line of a title, which goes on: no
    ".", ";" or ":" at its end)?

    >>> capitals("TẠI "), capitals(""), capitals("NGHỊ QUYẾT\\n", line=True), capitals("", line=True)
    (True, True, True, False)
    >>> capitals("CĂN CỨ LUẬT A;", line=True), capitals("Tại ")
    (False, False)
    """
    t = s.strip()
    if line and (not t or t[-1] in ".;:"):
        return False
    return not any(c.islower() for c in t)
