"""`rolemap`: recalculate a workbook or a Google Sheet, build templates, run the service.

Commands stay thin: they build settings and storage, call the pipeline, and turn our errors into
one clear line on stderr with exit code 1 (a file or API problem) or 2 (a usage problem).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from rolemap import __version__
from rolemap.errors import RolemapError, UsageError
from rolemap.settings import Settings

if TYPE_CHECKING:
    from rich.console import Console

    from rolemap.core import RunResult

F = TypeVar("F", bound=Callable[..., Any])


def clear_errors(fn: F) -> F:
    """Our errors become one line on stderr and an exit code, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except RolemapError as exc:
            click.echo(f"rolemap: {exc.message}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as exc:
            if os.environ.get("ROLEMAP_DEBUG"):
                raise
            click.echo(
                f"rolemap: unexpected error ({type(exc).__name__}: {exc}). "
                "Run again with ROLEMAP_DEBUG=1 for details.",
                err=True,
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-25") from None


LANG = click.Choice(["en", "ru"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rolemap")
def main() -> None:
    """Rolemap: who owns each channel, which KPIs are real, which channel must stop today."""


@main.command()
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out/rolemap-demo.xlsx"),
    show_default=True,
)
@click.option("--as-of", callback=_as_of, help="The demo's date (default: the latest Wednesday).")
@clear_errors
def demo(lang: str, output: Path, as_of: dt.date | None) -> None:
    """Write a demo workbook with planted problems, recalculate it and show the result."""
    from rolemap.adapters.xlsx import XlsxStorage
    from rolemap.adapters.xlsx_template import write_grids
    from rolemap.demo import build_demo
    from rolemap.pipeline import run
    from rolemap.terminal import line, print_summary

    _require_xlsx(output)
    day = as_of or _latest_wednesday(dt.date.today())
    output.parent.mkdir(parents=True, exist_ok=True)
    write_grids(output, build_demo(lang, day))  # type: ignore[arg-type]
    outcome = run(XlsxStorage(output), who=_who())
    print_summary(outcome.result, _console())
    click.echo(line("workbook", outcome.result.lang, path=output.resolve()))


def _require_xlsx(path: Path) -> None:
    """We only write .xlsx: any other name would hide an xlsx behind the wrong extension."""
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"{path} is not an .xlsx path; give a name ending in .xlsx")


def _latest_wednesday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=(today.weekday() - 2) % 7)


def _console() -> Console:
    """A real terminal keeps its width; a pipe or a log gets room for the channel table."""
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=120)


def _who() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@main.command()
@click.argument("workbook", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sheet", "sheet_id", help="A Google spreadsheet ID instead of a workbook.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly the §7 JSON and nothing else.")
@click.option("--dry-run", is_flag=True, help="Compute everything, write nothing.")
@click.option("--as-of", callback=_as_of, help="Compute for this date (YYYY-MM-DD).")
@clear_errors
def recalc(
    workbook: Path | None,
    sheet_id: str | None,
    as_json: bool,
    dry_run: bool,
    as_of: dt.date | None,
) -> None:
    """Recalculate WORKBOOK.xlsx, or a Google Sheet with --sheet."""
    from rolemap.bootstrap import GoogleSheet, open_storage

    if (workbook is None) == (sheet_id is None):
        raise UsageError("give either a WORKBOOK.xlsx or --sheet SPREADSHEET_ID")
    settings = Settings()  # ROLEMAP_SMTP_URL / ROLEMAP_TELEGRAM_BOT_TOKEN notify from the CLI too
    target = workbook if workbook is not None else GoogleSheet(str(sheet_id))
    storage = open_storage(target, settings, prefetch=True)
    # Imported after the reads have started: pandas and the core load while they travel.
    from rolemap.notify import Notifier
    from rolemap.pipeline import run

    summary: list[str] = []
    outcome = run(
        storage,
        dry_run=dry_run,
        as_of=as_of,
        who=_who(),
        notifier=Notifier.from_settings(settings),
        # The summary is rendered while the write travels, and shown only once it has landed.
        while_writing=None if as_json else lambda result: summary.append(_rendered(result)),
    )
    if as_json:
        click.echo(json.dumps(outcome.json, ensure_ascii=False, indent=2))
        return
    from rolemap.terminal import line

    click.echo(summary[0], nl=False)
    if dry_run:
        click.echo(line("dry_run", outcome.result.lang))


def _rendered(result: RunResult) -> str:
    """The terminal summary as text (with colours on a terminal), for printing later."""
    from rolemap.terminal import print_summary

    console = _console()
    with console.capture() as captured:
        print_summary(result, console)
    return captured.get()


@main.group()
def template() -> None:
    """Start a new Rolemap sheet from the template."""


@template.command("build")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@clear_errors
def template_build(lang: str, output: Path) -> None:
    """Write an empty template workbook with example rows."""
    from rolemap.adapters.xlsx_template import build_template

    _require_xlsx(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    build_template(lang, output)  # type: ignore[arg-type]
    click.echo(f"Template: {output.resolve()}")


@template.command("create")
@click.option("--lang", type=LANG, default="en", show_default=True)
@click.option("--title", default=None, help="The new spreadsheet's title.")
@click.option("--share", default=None, help="An e-mail to share the new sheet with (writer).")
@clear_errors
def template_create(lang: str, title: str | None, share: str | None) -> None:
    """Create a new Google spreadsheet from the template."""
    from rolemap.adapters.google.template import create_spreadsheet

    sheet_id = create_spreadsheet(Settings(), lang=lang, title=title, share=share)  # type: ignore[arg-type]
    click.echo(sheet_id)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8080, show_default=True, type=int)
@clear_errors
def serve(host: str, port: int) -> None:
    """Run the Rolemap service (development server; use gunicorn in production)."""
    from rolemap.web.app import run_dev_server

    gc.enable()  # a long-lived process: the console script turned the collector off
    run_dev_server(Settings(), host, port)


@main.command("import")
@click.argument("export", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--into", "workbook", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--preset", required=True, help="google_ads, meta_ads, yandex_direct, vk_ads, …")
@click.option("--channel", help='A channel name, or rules like "brand=Brand search; cpc=Ads".')
@click.option("--dry-run", is_flag=True, help="Show what would change, write nothing.")
@clear_errors
def import_cmd(
    export: Path, workbook: Path, preset: str, channel: str | None, dry_run: bool
) -> None:
    """Put an ad platform's export file into the workbook's Daily tab (re-import replaces)."""
    from rolemap.importer import import_export

    outcome = import_export(export, workbook, preset, channel, dry_run=dry_run)
    click.echo(outcome.summary())


def run() -> None:
    """The `rolemap` console script: `main` without the cyclic collector, then leave without
    tearing the interpreter down.

    With pandas, numpy and pydantic loaded, an orderly interpreter teardown costs about 0.2 s
    after the work is done (bench/process.py); a finished command has nothing left to finalise,
    so once its output is flushed the process exits at once. Tests call `main` in-process.
    """
    # A command is one short run whose data hold no reference cycles worth collecting, and the
    # collector's passes over pandas and the read sheet cost about 0.2 s of a 50x365 recalc
    # (gc.callbacks, measured). `serve` is long-lived and turns it back on.
    gc.disable()
    try:
        main()  # standalone mode: always ends in SystemExit
        code: int = 0
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:
            print(done.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (`rolemap recalc --json | head`): nothing more to say
        code = code or 1
    os._exit(code)
