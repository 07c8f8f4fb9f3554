"""The ontology (Turtle) and its Python mirror (ontology/vocab.py) say the same thing, term for term."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from policygraph.ontology import vocab
from policygraph.ontology.rdf import load_ontology, ontology_text

PG = vocab.PG
ELI = vocab.ELI


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


def pg_terms(g: Graph, rdf_type: URIRef) -> set[str]:
    return {str(s)[len(PG) :] for s in g.subjects(RDF.type, rdf_type) if str(s).startswith(PG)}


def literals(g: Graph) -> Iterator[Literal]:
    for o in g.objects():
        if isinstance(o, Literal):
            yield o


# ------------------------------------------------------------------------------------------- the Turtle
def test_turtle_parses_and_is_nfc(onto: Graph) -> None:
    assert len(onto) > 200
    assert (URIRef("https://policygraph.org/ontology"), RDF.type, OWL.Ontology) in onto
    for lit in literals(onto):
        assert unicodedata.normalize("NFC", str(lit)) == str(lit), lit
    assert unicodedata.normalize("NFC", ontology_text()) == ontology_text()


def test_the_package_ships_the_turtle() -> None:
    from importlib import resources

    assert resources.files("policygraph.ontology").joinpath("policygraph.ttl").is_file()


# ------------------------------------------------------------------------------------ classes both ways
def test_classes_match_vocab(onto: Graph) -> None:
    assert pg_terms(onto, OWL.Class) == set(vocab.CLASSES)
    for label in vocab.DOCUMENT_LABELS:
        assert (vocab.pg(label), RDFS.subClassOf, vocab.pg("Document")) in onto, label
    # nothing else is a document class
    subclasses = {str(s)[len(PG) :] for s in onto.subjects(RDFS.subClassOf, vocab.pg("Document"))}
    assert subclasses == set(vocab.DOCUMENT_LABELS)


def test_brief_labels_are_all_there() -> None:
    assert vocab.DOCUMENT_LABELS == (
        "Resolution", "Conclusion", "Directive", "Decision", "Regulation", "Rules", "Guidance", "Programme",
        "Plan", "Notice", "Report", "Submission", "Scheme", "Proposal", "OfficialLetter", "Law", "Code",
        "Constitution", "Ordinance", "Decree", "Circular", "JointCircular",
    )  # fmt: skip
    assert set(vocab.NODE_LABELS) == {"Document", *vocab.DOCUMENT_LABELS, "Body", "Project"}
    assert vocab.RELATION_TYPES == ("CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS")
    assert vocab.SUPERSEDES_KINDS == ("amends", "replaces", "repeals")
    assert vocab.IMPLEMENTS_KINDS == ("implements", "based_on")


def test_labels_in_english_and_vietnamese(onto: Graph) -> None:
    for label in vocab.CLASSES:
        labels = [o for o in onto.objects(vocab.pg(label), RDFS.label) if isinstance(o, Literal)]
        assert {str(o) for o in labels if o.language == "en"} == {vocab.LABEL_EN[label]}, label
        assert {str(o) for o in labels if o.language == "vi"} == {vocab.LABEL_VI[label]}, label
    expected_vi = {
        "Resolution": "Nghị quyết", "Conclusion": "Kết luận", "Directive": "Chỉ thị", "Decision": "Quyết định",
        "Regulation": "Quy định", "Rules": "Quy chế", "Guidance": "Hướng dẫn", "Programme": "Chương trình",
        "Plan": "Kế hoạch", "Notice": "Thông báo", "Report": "Báo cáo", "Submission": "Tờ trình",
        "Scheme": "Đề án", "Proposal": "Phương án", "OfficialLetter": "Công văn", "Law": "Luật", "Code": "Bộ luật",
        "Constitution": "Hiến pháp", "Ordinance": "Pháp lệnh", "Decree": "Nghị định", "Circular": "Thông tư",
        "JointCircular": "Thông tư liên tịch",
    }  # fmt: skip
    for label, word in expected_vi.items():
        assert vocab.LABEL_VI[label] == word


def test_type_codes_match_vocab(onto: Graph) -> None:
    in_turtle = {(str(code), str(cls)[len(PG) :]) for cls, code in onto.subject_objects(vocab.pg("typeCode"))}
    assert in_turtle == set(vocab.TYPE_CODE_TO_LABEL.items())
    assert vocab.TYPE_CODE_TO_LABEL["QĐ"] == "Decision"
    assert vocab.TYPE_CODE_TO_LABEL["QĐi"] == "Regulation"
    assert vocab.TYPE_CODE_TO_LABEL["CTr"] == "Programme"
    assert vocab.TYPE_CODE_TO_LABEL["NĐ"] == "Decree"
    assert vocab.TYPE_CODE_TO_LABEL["TTLT"] == "JointCircular"
    for code in vocab.TYPE_CODE_TO_LABEL:
        assert unicodedata.normalize("NFC", code) == code
    assert dict(vocab.LABEL_TO_TYPE_CODE) == {v: k for k, v in vocab.TYPE_CODE_TO_LABEL.items()}


def test_type_words_match_vocab(onto: Graph) -> None:
    in_turtle = {(str(w), str(cls)[len(PG) :]) for cls, w in onto.subject_objects(vocab.pg("typeWord"))}
    assert in_turtle == set(vocab.TYPE_WORD_TO_LABEL.items())
    for word, label in vocab.TYPE_WORD_TO_LABEL.items():
        assert word == unicodedata.normalize("NFC", word).lower().strip(), word
        assert label in vocab.DOCUMENT_LABELS
    # each class's Vietnamese label is one of its type words
    for label in vocab.DOCUMENT_LABELS:
        assert vocab.TYPE_WORD_TO_LABEL[vocab.LABEL_VI[label].lower()] == label


def test_type_word_and_code_lookups_tolerate_form() -> None:
    nfd = unicodedata.normalize("NFD", "Thông Tư Liên Tịch")
    assert vocab.label_for_type_word(nfd) == "JointCircular"
    assert vocab.label_for_type_word("chương trình hành động") == "Programme"
    assert vocab.label_for_type_word("bản ghi nhớ") is None
    assert vocab.label_for_type_code("nq") == "Resolution"
    assert vocab.label_for_type_code("QĐi") == "Regulation"


# ---------------------------------------------------------------------------------- properties both ways
def test_properties_match_vocab(onto: Graph) -> None:
    assert pg_terms(onto, OWL.ObjectProperty) == set(vocab.OBJECT_PROPERTIES)
    assert pg_terms(onto, OWL.DatatypeProperty) == set(vocab.DATATYPE_PROPERTIES)
    assert pg_terms(onto, OWL.AnnotationProperty) == set(vocab.ANNOTATION_PROPERTIES)
    brief = {"symbol", "number", "date", "year", "term", "title", "name", "sourceFile", "level", "branch"}
    assert brief <= set(vocab.DATATYPE_PROPERTIES)
    assert {"cites", "implements", "basedOn", "supersedes", "amends", "replaces", "repeals", "issuedBy",
            "partOf", "mentions", "inJurisdiction"} <= set(vocab.OBJECT_PROPERTIES)  # fmt: skip


def test_relation_names_and_kinds_match_vocab(onto: Graph) -> None:
    in_turtle = set()
    for prop, name in onto.subject_objects(vocab.pg("relationName")):
        kind = onto.value(prop, vocab.pg("relationKind"))
        in_turtle.add((str(name), None if kind is None else str(kind), str(prop)))
    expected = {(t, None, str(vocab.pg(p))) for t, p in vocab.RELATION_PROPERTY.items()}
    expected |= {(t, k, str(vocab.pg(p))) for (t, k), p in vocab.KIND_PROPERTY.items()}
    assert in_turtle == expected
    assert {name for name, _, _ in in_turtle} == set(vocab.RELATION_TYPES)


def test_kind_properties_are_sub_properties(onto: Graph) -> None:
    for (type_, _kind), local in vocab.KIND_PROPERTY.items():
        assert (vocab.pg(local), RDFS.subPropertyOf, vocab.relation_iri(type_)) in onto


@pytest.mark.parametrize(
    ("type_", "kind", "local"),
    [
        ("CITES", None, "cites"),
        ("IMPLEMENTS", None, "implements"),
        ("IMPLEMENTS", "implements", "implements"),
        ("IMPLEMENTS", "based_on", "basedOn"),
        ("SUPERSEDES", None, "supersedes"),
        ("SUPERSEDES", "amends", "amends"),
        ("SUPERSEDES", "replaces", "replaces"),
        ("SUPERSEDES", "repeals", "repeals"),
        ("ISSUED_BY", None, "issuedBy"),
        ("PART_OF", None, "partOf"),
        ("MENTIONS", None, "mentions"),
    ],
)
def test_relation_iri(type_: str, kind: str | None, local: str) -> None:
    iri = vocab.relation_iri(type_, kind)
    assert iri == URIRef(PG + local)
    back_type, back_kind = vocab.relation_of(iri)
    assert back_type == type_
    assert back_kind == (kind if kind != "implements" else None)


def test_vocab_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="unknown relation type"):
        vocab.relation_iri("REFERS_TO")
    with pytest.raises(ValueError, match="takes no kind"):
        vocab.relation_iri("CITES", "amends")
    with pytest.raises(ValueError, match="unknown node label"):
        vocab.class_iri("Memo")
    with pytest.raises(ValueError):
        vocab.relation_of(vocab.pg("symbol"))
    assert vocab.class_iri("Resolution") == URIRef(PG + "Resolution")


# ------------------------------------------------------------------------------------------------ ELI
def _eli_alignments(onto: Graph) -> set[tuple[str, str, str]]:
    curie: dict[Node, str] = {RDFS.subClassOf: "rdfs:subClassOf", RDFS.subPropertyOf: "rdfs:subPropertyOf",
             OWL.equivalentProperty: "owl:equivalentProperty", OWL.equivalentClass: "owl:equivalentClass"}  # fmt: skip
    found = set()
    for s, p, o in onto:
        if p not in curie:
            continue
        if str(o).startswith(ELI) and str(s).startswith(PG):
            found.add((str(s)[len(PG) :], curie[p], str(o)[len(ELI) :]))
        elif str(s).startswith(ELI) and str(o).startswith(PG):
            found.add(("eli:" + str(s)[len(ELI) :], curie[p], str(o)[len(PG) :]))
    return found


def test_eli_alignments_match_vocab(onto: Graph) -> None:
    assert _eli_alignments(onto) == set(vocab.ELI_ALIGNMENTS)


def test_eli_alignments_from_the_brief(onto: Graph) -> None:
    pg, eli = vocab.pg, vocab.eli
    assert (pg("basedOn"), OWL.equivalentProperty, eli("based_on")) in onto
    assert (pg("amends"), OWL.equivalentProperty, eli("amends")) in onto
    assert (pg("repeals"), OWL.equivalentProperty, eli("repeals")) in onto
    assert (pg("cites"), OWL.equivalentProperty, eli("cites")) in onto
    assert (pg("date"), OWL.equivalentProperty, eli("date_document")) in onto
    assert (pg("supersedes"), RDFS.subPropertyOf, eli("changes")) in onto
    assert (pg("issuedBy"), RDFS.subPropertyOf, eli("passed_by")) in onto
    assert (pg("Document"), RDFS.subClassOf, eli("LegalResource")) in onto
    assert (pg("basedOn"), RDFS.subPropertyOf, pg("implements")) in onto
    # pg:implements is broader than ELI's implementation link, so only the converse holds
    assert (eli("ensures_implementation_of"), RDFS.subPropertyOf, pg("implements")) in onto
    assert (pg("implements"), RDFS.subPropertyOf, eli("ensures_implementation_of")) not in onto


def test_equivalent_properties_carry_no_domain(onto: Graph) -> None:
    """Through owl:equivalentProperty a domain would type other ELI data as pg:Document."""
    for prop in ("cites", "implements", "supersedes", "date"):
        assert onto.value(vocab.pg(prop), RDFS.domain) is None, prop
