"""Interactive views of the graph."""
