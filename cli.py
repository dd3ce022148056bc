"""`resume-inbox`: the command line. Each command reads settings once and calls flows or tasks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from models.settings import Settings, get_settings

app = typer.Typer(help="Resume Inbox: recruiters email resumes in, drafts and confirmations come out.", no_args_is_help=True)
users_app = typer.Typer(help="Recruiters and their import addresses.", no_args_is_help=True)
app.add_typer(users_app, name="users")
console = Console()


def _ready_settings() -> Settings:
    """Settings with the home folder and the database schema in place."""
    from models.db import migrate

    settings = get_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    migrate(settings.db_url)
    return settings


@users_app.command("add")
def users_add(
    email: str,
    name: str = typer.Option(..., "--name", help="The recruiter's name."),
    confirm_to: Optional[str] = typer.Option(None, "--confirm-to", help="Confirmation address (default: EMAIL)."),
    no_desktop_tools: bool = typer.Option(False, "--no-desktop-tools", help="Hide the Desktop Tools settings page."),
) -> None:
    """Create a recruiter (or show the existing one) and print the import address."""
    from tasks import users

    settings = _ready_settings()
    user = users.add_user(settings, email=email, name=name, confirmation_address=confirm_to, desktop_tools=not no_desktop_tools)
    print(user.import_address)


@users_app.command("list")
def users_list() -> None:
    """List recruiters with their import and confirmation addresses."""
    from rich.table import Table

    from tasks import users

    settings = _ready_settings()
    table = Table("email", "name", "import address", "confirmations to", "desktop tools")
    for user in users.list_users(settings):
        table.add_row(user.email, user.name, user.import_address, user.confirmation_address, "yes" if user.desktop_tools else "no")
    console.print(table)


@app.command()
def ingest(
    maildir: Optional[Path] = typer.Option(None, "--maildir", help="Read this Maildir folder instead of the configured mailboxes."),
    deliver: bool = typer.Option(True, "--deliver/--no-deliver", help="Send the queued emails right after."),
) -> None:
    """Run the ingest flow once over the mailbox(es), then deliver the outbox."""
    from flows.ingest import run_ingest_once

    settings = _ready_settings()
    report = run_ingest_once(settings, maildir=maildir, deliver=deliver)
    console.print(report.model_dump_json(indent=2))


@app.command()
def parse(files: list[Path]) -> None:
    """Print one JSON line per file: the extracted key fields with scores, or the reason it could not be read."""
    from tasks.parse import parse_file

    for path in files:
        print(json.dumps(parse_file(path), ensure_ascii=False), flush=True)



@app.command()
def evaluate(
    directory: Path,
    json_out: Optional[Path] = typer.Option(None, "--json", help="Also write the figures as JSON here."),
    fit_calibration: Optional[Path] = typer.Option(None, "--fit-calibration", help="Refit the score calibration table from this run and write it here."),
) -> None:
    """Score extraction against DIR/labels.json: per-field accuracy, time per file, and what is wrong where."""
    from tasks.evaluate import evaluate_dir, refit, report_lines

    evaluation = evaluate_dir(directory)
    print("\n".join(report_lines(evaluation)))
    if json_out:
        json_out.write_text(json.dumps(evaluation.summary(), indent=1, ensure_ascii=False) + "\n")
    if fit_calibration:
        refit(evaluation, fit_calibration)
        print(f"calibration written to {fit_calibration}")


@app.command()
def benchmark(
    directory: Path,
    rounds: int = typer.Option(1, "--rounds", help="Passes over the folder."),
) -> None:
    """Resumes per second on one core and peak memory, reading and extracting every file in DIR."""
    from tasks.benchmark import run_benchmark

    print("\n".join(run_benchmark(directory, rounds).lines()))


if __name__ == "__main__":
    app()
