"""The house rules the code keeps: no import circle between modules or between the folders (ontology <- loaders
<- graph <- visualisations, cli)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("level", ["modules", "folders"])
def test_no_import_circle(level: str) -> None:
    args = [sys.executable, str(ROOT / "scripts" / "import_cycles.py")] + (["--folders"] if level == "folders" else [])
    r = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout
    assert r.stdout.strip().endswith(f"0 import circle(s) between {level}")
