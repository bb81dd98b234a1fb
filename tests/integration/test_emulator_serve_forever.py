"""`serve_forever` (`python -m sheets_emulator`) serves seeded workbooks in the foreground."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import requests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_forever_serves_a_seeded_workbook_until_interrupted(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["hello", 1])
    seed = tmp_path / "seed.xlsx"
    wb.save(seed)
    port = _free_port()
    code = (
        "from sheets_emulator import serve_forever; "
        f"serve_forever('127.0.0.1', {port}, {{'acc': {str(seed)!r}}}, 0)"
    )
    url = f"http://127.0.0.1:{port}/v4/spreadsheets/acc/values/Sheet"

    with subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        deadline = time.monotonic() + 10
        while True:
            try:
                response = requests.get(url, timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline
                time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)

    assert response.json()["values"] == [["hello", "1"]]  # FORMATTED_VALUE by default
    assert proc.returncode == 0
    assert f"Sheets API emulator on http://127.0.0.1:{port}" in err.decode()
    assert "Traceback" not in err.decode()


def test_command_line_needs_an_id_per_seed(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sheets_emulator", "--seed", str(tmp_path / "a.xlsx")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert proc.returncode == 2
    assert "give one --id for each --seed" in proc.stderr
