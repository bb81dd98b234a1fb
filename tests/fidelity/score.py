"""Agreement figures over replayed interactions, and a report of where they differ.

`python -m tests.fidelity.score` replays every cassette and prints the figures followed by the
most common differences, for working on the emulator.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass

from sheets_emulator import Emulator
from tests.fidelity.cassettes import all_cassettes, load
from tests.fidelity.replay import Outcome, replay


@dataclass(frozen=True)
class Figures:
    interactions: int
    status_equal: float
    keys_field_equal: float  # shared key paths / all key paths, summed over interactions
    keys_exact_equal: float  # interactions whose key path sets are identical
    values_reads: int
    values_equal: float
    writes: int
    echo_equal: float  # values writes whose echoed ranges and counts equal Google's
    refused: int  # Google answered 2xx, the emulator did not

    def table(self) -> str:
        rows = [
            ("Sheets v4 interactions replayed", f"{self.interactions}"),
            ("status equal", f"{self.status_equal:.2f} %"),
            ("key structure equal (every field)", f"{self.keys_field_equal:.2f} %"),
            ("key structure equal (whole answers)", f"{self.keys_exact_equal:.2f} %"),
            (
                f"values.* read values equal ({self.values_reads} reads)",
                f"{self.values_equal:.2f} %",
            ),
            (
                f"values.* write ranges and counts equal ({self.writes} writes)",
                f"{self.echo_equal:.2f} %",
            ),
            ("Google-accepted requests refused", f"{self.refused}"),
        ]
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name:<{width}}  {value:>9}" for name, value in rows)


def _pct(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def figures(outcomes: list[Outcome]) -> Figures:
    shared = sum(len(o.google_keys & o.our_keys) for o in outcomes)
    union = sum(len(o.google_keys | o.our_keys) for o in outcomes)
    reads = [o for o in outcomes if o.values_equal is not None]
    writes = [o for o in outcomes if o.echo_equal is not None]
    return Figures(
        interactions=len(outcomes),
        status_equal=_pct(sum(o.google_status == o.our_status for o in outcomes), len(outcomes)),
        keys_field_equal=_pct(shared, union),
        keys_exact_equal=_pct(sum(o.google_keys == o.our_keys for o in outcomes), len(outcomes)),
        values_reads=len(reads),
        values_equal=_pct(sum(bool(o.values_equal) for o in reads), len(reads)),
        writes=len(writes),
        echo_equal=_pct(sum(bool(o.echo_equal) for o in writes), len(writes)),
        refused=sum(o.refused for o in outcomes),
    )


def replay_all() -> list[Outcome]:
    outcomes: list[Outcome] = []
    with Emulator() as emulator:
        for name, path in all_cassettes():
            outcomes.extend(replay(emulator, name, load(path)))
    return outcomes


def _operation(o: Outcome) -> str:
    tail = re.sub(r"^/v4/spreadsheets/[^/:]+", "", o.path)
    tail = re.sub(r"/values/[^:]+", "/values/R", tail)
    return f"{o.method} {tail or '/'}"


def differences(outcomes: list[Outcome], top: int = 40) -> str:
    missing: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    lines = []
    for o in outcomes:
        missing.update(f"{_operation(o)}: {k}" for k in o.google_keys - o.our_keys)
        extra.update(f"{_operation(o)}: {k}" for k in o.our_keys - o.google_keys)
        if o.google_status != o.our_status:
            lines.append(
                f"status {o.google_status} vs {o.our_status}: {o.cassette}#{o.index} "
                f"{o.method} {o.path} {str(o.our_body)[:200]}"
            )
        if o.echo_equal is False:
            lines.append(
                f"write echo: {o.cassette}#{o.index} {o.path}\n  google {o.google_body}\n"
                f"  ours   {o.our_body}"
            )
        if o.values_equal is False:
            lines.append(
                f"values: {o.cassette}#{o.index} {o.path}\n  google {o.google_body}\n"
                f"  ours   {o.our_body}"
            )
    lines.append("missing keys (Google has, emulator lacks):")
    lines += [f"  {n:4d}  {k}" for k, n in missing.most_common(top)]
    lines.append("extra keys (emulator has, Google lacks):")
    lines += [f"  {n:4d}  {k}" for k, n in extra.most_common(top)]
    return "\n".join(lines)


if __name__ == "__main__":
    found = replay_all()
    print(figures(found).table())
    if "-v" in sys.argv:
        print(differences(found))
