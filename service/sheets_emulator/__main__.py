"""`python -m sheets_emulator`: serve seeded workbooks on 127.0.0.1 until interrupted.

A development tool, not part of the product: it lives beside `rolemap`, never inside its wheel.
"""

from __future__ import annotations

import argparse
import sys

from sheets_emulator.server import serve_forever


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m sheets_emulator", description="A local Google Sheets API v4 emulator."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--seed", dest="seeds", action="append", default=[], metavar="XLSX")
    parser.add_argument(
        "--id", dest="ids", action="append", default=[], help="the spreadsheet ID for each --seed"
    )
    parser.add_argument("--latency-ms", type=int, default=0)
    args = parser.parse_args(argv)
    if len(args.seeds) != len(args.ids):
        parser.error("give one --id for each --seed")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    try:
        serve_forever(
            args.host, args.port, dict(zip(args.ids, args.seeds, strict=True)), args.latency_ms
        )
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
