"""The PolicyGraph vocabulary (Turtle + its Python mirror) and exports."""
