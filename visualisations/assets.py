"""The view page's style sheet and script, real files shipped as package data (``static/view.css``,
``static/view.js``) and inlined into every page by ``visualisations.html``.

The script reads the JSON data block, draws it with vis-network at the positions computed in Python
(physics off), draws the captions itself (a fixed size on screen, only where they do not collide, the most
carried-out documents first), the lanes or lineage levels behind the nodes, and runs the panel: search,
filters, details with evidence, legend. What it needs from the Python side (colours, the relation order,
phrases) comes in the data block. Every text from the data goes into the page through ``textContent``
(``Node.append`` of a string), never as HTML.

>>> "textContent" in page_js() and "innerHTML" not in page_js()
True
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["page_css", "page_js"]


@functools.cache
def _static(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def page_css() -> str:
    """The page's style sheet (static/view.css)."""
    return _static("view.css")


def page_js() -> str:
    """The page's script (static/view.js)."""
    return _static("view.js")
