#!/usr/bin/env python3
"""Import circles between PolicyGraph's modules and between its folders (every import, at the top of a
module or inside a function). Prints each circle; exits 1 when there is one.

usage: python scripts/import_cycles.py [--folders]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("cli", "graph", "loaders", "ontology", "visualisations")


def module_of(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


def imports(path: Path, mod: str) -> set[str]:
    """The project modules `path` imports (relative imports resolved; `from . import x` names module x)."""
    pkg = mod.split(".")[:-1] if path.name != "__init__.py" else mod.split(".")
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg[: len(pkg) - node.level + 1]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("policygraph."):
                target = node.module.removeprefix("policygraph.")
            else:
                continue
            names = [f"{target}.{a.name}" if target else a.name for a in node.names]
            out |= {n for n in names if (ROOT / (n.replace(".", "/") + ".py")).exists()} or {target}
        elif isinstance(node, ast.Import):
            out |= {a.name.removeprefix("policygraph.") for a in node.names if a.name.startswith("policygraph.")}
    return {o for o in out if o.split(".")[0] in FOLDERS and o != mod}


def graph(folders: bool) -> nx.DiGraph:
    G = nx.DiGraph()
    for folder in FOLDERS:
        for path in (ROOT / folder).rglob("*.py"):
            mod = module_of(path)
            for dep in imports(path, mod):
                u, v = (mod.split(".")[0], dep.split(".")[0]) if folders else (mod, dep)
                if u != v:
                    G.add_edge(u, v)
    return G


def main() -> int:
    folders = "--folders" in sys.argv
    cycles = sorted(nx.simple_cycles(graph(folders)), key=len)
    for c in cycles[:50]:
        print(" -> ".join([*c, c[0]]))
    print(f"{len(cycles)} import circle(s) between {'folders' if folders else 'modules'}")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
