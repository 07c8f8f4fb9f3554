"""The loaders' package data (loaders/data/*.json), read once per process.

>>> sorted(read_json("provinces.json"))
['about', 'lists', 'renamed', 'sources']
"""

from __future__ import annotations

import functools
import json
import pkgutil
from typing import Any

__all__ = ["read_json"]


@functools.cache
def read_json(name: str) -> Any:
    """The parsed JSON of loaders/data/`name`; callers share it, so they must not change it.

    pkgutil.get_data reads through the package's loader (a folder or a zip alike) and costs less to
    import than importlib.resources, which the gazetteer would pay at its own import.
    """
    raw = pkgutil.get_data("policygraph.loaders", f"data/{name}")
    if raw is None:
        raise FileNotFoundError(f"policygraph.loaders: no package data data/{name}")
    return json.loads(raw.decode("utf-8"))
