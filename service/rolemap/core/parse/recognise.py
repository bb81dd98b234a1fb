"""Is this a Rolemap sheet at all? One decision, made before anything is parsed or written.

A workbook holding none of the input tabs (in either language) is someone else's file: adding
our output tabs to it would only do harm, so the run is refused with `NotRolemapSheetError`
and nothing is written. One input tab is enough to go on: the missing ones become
`DATA-MISSING-TAB` checks that tell the team what to add.
"""

from __future__ import annotations

from rolemap.core.model.contract import Contract, normalize
from rolemap.core.model.snapshot import Snapshot
from rolemap.errors import NotRolemapSheetError


def require_input_tabs(snapshot: Snapshot, contract: Contract) -> None:
    """Raise `NotRolemapSheetError` when `snapshot` has none of the contract's input tabs."""
    present = {normalize(title) for title in snapshot.tabs}
    if any(spec.names & present for spec in contract.tabs):
        return
    where = snapshot.source or "this workbook"
    expected = ", ".join(spec.en for spec in contract.tabs)
    raise NotRolemapSheetError(
        f"{where} is not a Rolemap sheet: it has none of the tabs {expected} "
        "(or their Russian names), so nothing was written. Start from the Rolemap template: "
        'README, "Start a sheet from the template".'
    )
