"""The graph: build (networkx), identity, embedded store, Neo4j store, queries."""
