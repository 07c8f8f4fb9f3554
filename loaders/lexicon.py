"""Lexicon: the verbs that relate one document to another, one entry per verb with the uses it has.

Every rule that reads a verb (loaders.wording for the loaded document's relations and for those between two
documents it names, loaders.find for a title cut by the next mention) takes its verbs from VERBS here:

* `kind`: what the verb makes of the document after it: carry out ("implements"), rest on ("based_on"),
  amend, replace, repeal;
* `of_text`: said in the loaded document's sentence, it says what the loaded document does with the
  documents after it ("Tiếp tục thực hiện Nghị quyết số ...");
* `of_named`: said right after a named document (and its date, issuer, title), it says what that document
  does with the next one ("Kế hoạch số 12-KH/TU ... về việc thực hiện Nghị quyết số 57-NQ/TW");
* `governs_list`: it governs every item of a list after it, across ";", "," and line breaks ("Để tiếp
  tục thực hiện Chỉ thị ...; Chỉ thị ..., Kế hoạch ...;\\nPhương án ...").

>>> [v.words for v in VERBS if v.kind == "repeals"]
['bãi bỏ', 'hủy bỏ']
>>> carry_out(of_named=True)[:3]
('thực hiện', 'triển khai', 'cụ thể hóa')
>>> "hướng dẫn" in carry_out(of_text=True), "hướng dẫn" in carry_out(of_named=True)
(False, True)
"""

from __future__ import annotations

from typing import NamedTuple

from .models import RelationKind


class Verb(NamedTuple):
    """A verb and its uses (see the module's docstring)."""

    words: str
    kind: RelationKind
    of_text: bool = True
    of_named: bool = True
    governs_list: bool = False
    #: only after another change verb ("sửa đổi, bổ sung, cập nhật"): alone it is no change of a document
    follows_only: bool = False


VERBS: tuple[Verb, ...] = (
    # carrying out
    Verb("thực hiện", "implements", governs_list=True),
    Verb("triển khai", "implements", governs_list=True),
    Verb("cụ thể hóa", "implements", governs_list=True),
    Verb("hiện thực hóa", "implements", governs_list=True),
    Verb("quán triệt", "implements", governs_list=True),
    # a law "thể chế hóa" a resolution; in a plan's own sentences the words are about policies, not documents
    Verb("thể chế hóa", "implements", of_text=False),
    Verb("thi hành", "implements"),  # "Chỉ thị <A> về triển khai thi hành <B>"
    Verb("hướng dẫn thi hành", "implements"),
    # "hướng dẫn" alone in a plan's own sentence guides bodies ("hướng dẫn các đơn vị"), not documents
    Verb("hướng dẫn", "implements", of_text=False),
    Verb("quy định chi tiết", "implements"),
    Verb("quy định chi tiết thi hành", "implements"),
    Verb("quy định chi tiết và hướng dẫn thi hành", "implements"),
    # words of the loaded document's own sentence only: they follow no named document
    Verb("chương trình hành động", "implements", of_named=False),  # "Chương trình hành động thực hiện ..."
    Verb("vào cuộc sống", "implements", of_named=False),  # "đưa Nghị quyết ... vào cuộc sống"
    Verb("bám sát", "implements", of_named=False),
    Verb("theo tinh thần", "implements", of_named=False),
    # a basis: wording.read_source tells "Căn cứ" (based_on) from "căn cứ vào tình hình" (loaders.wording)
    Verb("căn cứ", "based_on", of_named=False, governs_list=True),
    # changes
    Verb("sửa đổi", "amends", governs_list=True),
    Verb("bổ sung", "amends", governs_list=True),
    Verb("đính chính", "amends"),
    Verb("cập nhật", "amends", follows_only=True),
    Verb("thay thế", "replaces", governs_list=True),
    Verb("bãi bỏ", "repeals", governs_list=True),
    Verb("hủy bỏ", "repeals", governs_list=True),
)

_CHANGES = ("amends", "replaces", "repeals")

#: words that may lead a verb of carrying out without changing what it says ("tiếp tục triển khai, thực
#: hiện", "lãnh đạo, chỉ đạo thực hiện")
LEADS: tuple[str, ...] = (
    "tiếp tục",
    "triển khai",
    "tổ chức",
    "hướng dẫn",
    "lãnh đạo",
    "chỉ đạo",
    "đẩy mạnh",
    "quán triệt",
)


def carry_out(of_text: bool = False, of_named: bool = False) -> tuple[str, ...]:
    """The words of the verbs of carrying out or resting on, with the uses asked for."""
    return tuple(
        v.words for v in VERBS if v.kind not in _CHANGES and (not of_text or v.of_text) and (not of_named or v.of_named)
    )


def changes(follows: bool = False) -> dict[str, RelationKind]:
    """The verbs that change a document, and the kind of each (`follows`: also those only said after another).

    >>> changes()["thay thế"], "cập nhật" in changes(), "cập nhật" in changes(follows=True)
    ('replaces', False, True)
    """
    return {v.words: v.kind for v in VERBS if v.kind in _CHANGES and (follows or not v.follows_only)}


def alternation(words: tuple[str, ...] | list[str], space: str = r"\s+") -> str:
    """A regex alternation of `words`, longest first, `space` standing for the spaces between words.

    >>> alternation(("bổ sung", "sửa đổi, bổ sung"), " +")
    'sửa +đổi, +bổ +sung|bổ +sung'
    """
    return "|".join(space.join(w.split()) for w in sorted(words, key=len, reverse=True))


def governing(kind: RelationKind | None = None) -> tuple[str, ...]:
    """The verbs that govern every item of a list after them (of `kind`, if given).

    >>> governing("implements")
    ('thực hiện', 'triển khai', 'cụ thể hóa', 'hiện thực hóa', 'quán triệt')
    """
    return tuple(v.words for v in VERBS if v.governs_list and kind in (None, v.kind))
