"""A local Google Sheets API v4 emulator: a real HTTP server with in-memory state.

Requests and query parameters are validated against Google's discovery document; batchUpdate is
all-or-nothing; faults (errors, delays, dropped connections) and latency (the least an answer
takes, the emulator's own work included) can be injected; a request log (with each request's
own serving time) and a state export serve tests and benchmarks.
"""

from sheets_emulator.faults import Fault
from sheets_emulator.server import Emulator, serve_forever

__all__ = ["Emulator", "Fault", "serve_forever"]
