"""What ships: the wheel holds the product and its sheet template, never the emulator."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import rolemap

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_the_product_and_no_emulator(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("rolemap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {
        "rolemap",
        f"rolemap-{rolemap.__version__}.dist-info",
    }
    assert not [n for n in names if "emulator" in n]
    assert "rolemap/_sheet_templates/template.toml" in names
