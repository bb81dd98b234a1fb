"""The `Role map` tab: people × hats, each cell the KPI of that hat, conflicts coloured.

Below the map, every channel with its owner, so a channel nobody owns stands out as much as a
role nobody holds. The facts come from `metrics.people`; this module only lays them out.
"""

from __future__ import annotations

from rolemap.core.i18n import labels as lbl
from rolemap.core.i18n.formats import date_text
from rolemap.core.i18n.pages import pt
from rolemap.core.metrics.people import Hat, PersonFacts
from rolemap.core.model.contract import Lang, OutputSpec, normalize
from rolemap.core.model.results import Severity
from rolemap.core.plan.layout import fit_rows
from rolemap.core.plan.model import Cell, OutputTab, Range, Style, Tone
from rolemap.core.plan.tables import protection_note
from rolemap.core.recalc import RunResult

TITLE = Style(bold=True, size=16)
NOTE = Style(italic=True, tone="grey")
HEAD = Style(bold=True, tone="grey", wrap=True, align="center")
SECTION = Style(bold=True, size=12, tone="blue")
ROLE_WIDTH = 140
SEVERITY_TONE: dict[Severity, Tone] = {"error": "red", "warning": "amber", "info": "grey"}
GAP: Tone = "yellow"  # a role nobody holds, a channel nobody owns
CHANNEL_PROBLEMS = ("CH-NO-OWNER", "CH-MULTI-OWNER", "CH-OWNER-UNKNOWN")


def _columns(result: RunResult) -> list[tuple[str, str]]:
    """(column key, header label): the 8 standard roles in contract order, then custom ones."""
    lang = result.lang
    cols = [(c.key, c.label(lang)) for c in result.inputs.contract.choice_list("role")]
    seen = {key for key, _ in cols}
    for person in result.people:
        for hat in person.hats:
            if hat.column not in seen:
                seen.add(hat.column)
                cols.append((hat.column, hat.role))
    return cols


def _hat_text(hat: Hat, checkers: list[str], lang: Lang) -> str:
    text = hat.kpi or pt("no_kpi", lang)
    if hat.kpi_target:
        text += f" ({pt('target', lang, target=hat.kpi_target)})"
    for who in checkers:
        text += "\n" + pt("checked_by", lang, who=who)
    return text


def _tones(person: PersonFacts) -> dict[str, tuple[Tone, list[str]]]:
    """Role column → (the most severe conflict tone, the outside checkers named)."""
    out: dict[str, tuple[Tone, list[str]]] = {}
    for pair in sorted(person.conflicts, key=lambda c: c.severity != "error"):
        for role in (pair.role, pair.with_role):
            tone, who = out.get(role, (SEVERITY_TONE[pair.severity], []))
            if pair.external_check and pair.external_check not in who:
                who.append(pair.external_check)
            out[role] = (tone, who)
    return out


def _person_row(
    person: PersonFacts, cols: list[tuple[str, str]], held: set[str], result: RunResult
) -> tuple[Cell, ...]:
    lang = result.lang
    hats = {h.column: h for h in person.hats}
    tones = _tones(person)
    cells = [Cell(person.person, Style(bold=True, align="left"))]  # aligned: top of a tall row
    for key, _ in cols:
        hat = hats.get(key)
        if hat is None:
            cells.append(Cell(None, Style(tone=GAP) if key not in held else None))
            continue
        tone, who = tones.get(key, (None, []))
        if hat.kpi is None:
            tone = "red"
        cells.append(Cell(_hat_text(hat, who, lang), Style(tone=tone, wrap=True)))
    over = person.hat_count > person.max_hats
    cmo_without_stop = any(h.role == "cmo" for h in person.hats) and not person.can_stop
    yes_no = result.inputs.contract.choice_label("bool", "yes" if person.can_stop else "no", lang)
    cells += [
        Cell(
            f"{person.hat_count} / {person.max_hats}",
            Style(tone="red" if over else None, align="center", bold=over),
        ),
        Cell(", ".join(person.channels_owned) or "—", Style(wrap=True)),
        Cell(yes_no, Style(tone="amber" if cmo_without_stop else None, align="center")),
        Cell(_conflicts_text(person, cols, lang) or "—", Style(wrap=True)),
    ]
    return tuple(cells)


def _conflicts_text(person: PersonFacts, cols: list[tuple[str, str]], lang: Lang) -> str:
    label = dict(cols)
    lines = []
    for pair in person.conflicts:
        check = (
            pt("checked_by", lang, who=pair.external_check)
            if pair.external_check
            else pt("unchecked", lang)
        )
        lines.append(
            pt(
                "pair",
                lang,
                a=label.get(pair.role, pair.role),
                b=label.get(pair.with_role, pair.with_role),
                severity=lbl.say(lbl.SEVERITY, pair.severity, lang),
                check=check,
            )
        )
    return "\n".join(lines)


def _legend(lang: Lang) -> tuple[Cell, ...]:
    return (
        Cell(pt("legend", lang), Style(italic=True, align="right")),
        Cell(pt("legend_error", lang), Style(tone="red", wrap=True)),
        Cell(pt("legend_warning", lang), Style(tone="amber", wrap=True)),
        Cell(pt("legend_gap", lang), Style(tone=GAP, wrap=True)),
        Cell(pt("legend_over", lang), Style(tone="red", bold=True, wrap=True)),
    )


def _channel_rows(result: RunResult) -> list[tuple[Cell, ...]]:
    """Every channel (first row per name) with its owner; ownership problems highlighted."""
    lang, tab = result.lang, result.inputs.channels
    if tab is None:
        return []
    problems = {
        c.row: c
        for c in result.checks
        if c.code in CHANNEL_PROBLEMS and c.tab == "Channels" and c.row is not None
    }
    rows: list[tuple[Cell, ...]] = []
    frame = tab.frame[tab.frame["channel"].notna()]
    frame = frame[~frame["channel"].map(normalize).duplicated()]
    for rec in frame.to_dict("records"):
        check = problems.get(int(rec["row"]))
        tone: Tone | None = None
        if check is not None:
            tone = GAP if check.code == "CH-NO-OWNER" else SEVERITY_TONE[check.severity]
        style = Style(tone=tone)
        status = rec["status_key"] or "active"
        rows.append(
            (
                Cell(rec["channel"], Style(tone=tone, bold=True)),
                Cell(rec["owner"] or "—", style),
                Cell(lbl.say(lbl.STATUS, status, lang), style),
                Cell(rec["primary_kpi"], style),
                Cell(pt(check.code, lang) if check else None, Style(tone=tone, bold=True)),
            )
        )
    return rows


def role_map_tab(result: RunResult, spec: OutputSpec) -> OutputTab:
    lang = result.lang
    cols = _columns(result)
    held = {h.column for p in result.people for h in p.hats}
    fixed = spec.columns
    rows: list[tuple[Cell, ...]] = [
        (Cell(spec.title(lang), TITLE),),
        (Cell(pt("map_intro", lang, as_of=date_text(result.as_of, lang)), NOTE),),
        _legend(lang),
        (),
    ]
    merges = [Range(0, 0, 1, 6), Range(1, 0, 1, 6)]
    header_row = len(rows)
    header = [Cell(fixed[0].title(lang), HEAD)]
    for key, label in cols:
        gap = key not in held
        text = pt("nobody_holds", lang, role=label) if gap else label
        header.append(
            Cell(text, Style(bold=True, wrap=True, align="center", tone=GAP if gap else "grey"))
        )
    header += [Cell(c.title(lang), HEAD) for c in fixed[1:]]
    rows.append(tuple(header))
    rows += [_person_row(p, cols, held, result) for p in result.people]
    if not result.people:
        rows.append((Cell(pt("no_people", lang), NOTE),))
    rows.append(())
    section = len(rows)
    rows.append((Cell(pt("channels", lang), SECTION),))
    merges.append(Range(section, 0, 1, 5))
    rows.append(
        tuple(
            Cell(pt(k, lang), HEAD)
            for k in ("channel", "owner", "status", "primary_kpi", "problem")
        )
    )
    rows += _channel_rows(result)
    widths = (fixed[0].width, *(ROLE_WIDTH for _ in cols), *(c.width for c in fixed[1:]))
    body = tuple(rows)
    return OutputTab(
        key="role_map",
        title=spec.title(lang),
        rows=body,
        column_widths=widths,
        frozen_rows=header_row + 1,
        merges=tuple(merges),
        row_heights=fit_rows(body, widths, tuple(merges)),
        protection_note=protection_note(lang),
    )
