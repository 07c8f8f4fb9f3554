"""Every docstring example in the package runs (as the installed modules, so relative imports resolve)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ("cli", "graph", "loaders", "ontology", "visualisations")
MODULES = sorted(
    m.name
    for pkg in PACKAGES
    for m in pkgutil.walk_packages(importlib.import_module(f"policygraph.{pkg}").__path__, f"policygraph.{pkg}.")
    if not m.name.endswith("__main__")
) + [f"policygraph.{pkg}" for pkg in PACKAGES]


def test_every_package_is_walked() -> None:
    for pkg in PACKAGES:
        assert any(m.startswith(f"policygraph.{pkg}.") for m in MODULES), pkg


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} doctest(s) failed"
