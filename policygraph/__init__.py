"""PolicyGraph: a knowledge graph of Vietnamese policy documents and the references between them.

The pipeline, one module per step:

    loaders.readers   files -> Text
    loaders.normalise Text -> matching view
    loaders.find      matching view -> Mentions
    loaders.resolve   Mentions -> document references within one file
    loaders.relations references -> typed statements with evidence
    graph.build       statements of many files -> networkx MultiDiGraph
    graph.store       graph <-> one file on disk;  graph.neo4j_store  graph -> Neo4j
    graph.queries     lineage, coverage, show, stats
    ontology.export   JSON / GraphML / Turtle / JSON-LD / CSV;  visualisations.html  pyvis
"""

__version__ = "0.1.0"
