"""Time the column parsers on sheet-sized inputs: python bench/bench_values.py."""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from rolemap.core.parse.values import parse_date_column, parse_number_column


def _best(fn: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    rng = random.Random(1)
    floats: list[object] = [rng.uniform(0, 1e6) for _ in range(1_000_000)]
    floats_with_gaps: list[object] = [None if i % 10 == 0 else v for i, v in enumerate(floats)]
    serials: list[object] = [rng.randint(32874, 73051) for _ in range(1_000_000)]
    float_serials: list[object] = [rng.uniform(32874, 73051) for _ in range(1_000_000)]
    formats = ["{:,.2f}", "{:.1f} ₽", "$ {:,.0f}", "{:.2f}%"]
    mixed: list[object] = []
    for i in range(100_000):
        x = rng.uniform(0, 1e6)
        text = formats[i % 4].format(x).replace(",", "\u00a0").replace(".", ",")
        mixed.append(text if i % 5 else x)
    dates: list[object] = []
    for i in range(100_000):
        d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1990, 2100)
        dates.append(f"{d:02}.{m:02}.{y}" if i % 2 else f"{y}-{m:02}-{d:02}")
    unique: list[object] = [f"{rng.uniform(0, 1e6):,.2f}" for _ in range(100_000)]

    cases: list[tuple[str, Callable[[], object]]] = [
        ("numbers: 1M floats", lambda: parse_number_column(floats)),
        ("numbers: 1M floats, 10% None", lambda: parse_number_column(floats_with_gaps)),
        ("dates: 1M int serials", lambda: parse_date_column(serials)),
        ("dates: 1M float serials (time part)", lambda: parse_date_column(float_serials)),
        ("numbers: 100k mixed text+floats", lambda: parse_number_column(mixed)),
        ("numbers: 100k unique text", lambda: parse_number_column(unique)),
        ("dates: 100k text dates", lambda: parse_date_column(dates)),
    ]
    for name, fn in cases:
        print(f"{name:36} {_best(fn) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
