"""Shared fixtures for integration tests."""

from __future__ import annotations

from collections.abc import Iterator

import gspread
import pytest

from rolemap.adapters.google.session import RedirectingSession
from sheets_emulator import Emulator


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    """A Sheets API emulator on a free 127.0.0.1 port, stopped after the test."""
    with Emulator() as emu:
        yield emu


@pytest.fixture
def emulator_client(emulator: Emulator) -> Iterator[gspread.Client]:
    """The real gspread client, talking to `emulator` over HTTP through the injected session."""
    session = RedirectingSession(emulator.url)
    try:
        yield gspread.Client(auth=None, session=session)  # type: ignore[arg-type]
    finally:
        session.close()
