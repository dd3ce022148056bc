"""`resume-inbox`: the command line. Each command reads settings once and calls flows or tasks."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from models.settings import Settings, get_settings

# Read by Prefect when it is imported, so set before any command imports it: a cold ephemeral API can
# take longer than the default 20 s to start, and the analytics call home fails without internet.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "tasks")
# Steps also run outside flows (users add, the dashboard's actions): their log lines stay local, no warning.
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
# The ephemeral API runs in a subprocess that inherits this: when it stops at exit it logs tracebacks for
# run events still queued (the runs themselves are recorded). Nothing a user can act on.
os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")


def _quiet_libraries() -> None:
    """pdfminer warns once per glyph of some fonts: nothing a user can act on."""
    import logging

    logging.getLogger("pdfminer").setLevel(logging.ERROR)

app = typer.Typer(help="Resume Inbox: recruiters email resumes in, drafts and confirmations come out.", no_args_is_help=True)
users_app = typer.Typer(help="Recruiters and their import addresses.", no_args_is_help=True)
app.add_typer(users_app, name="users")
console = Console()


def _fail(sentence: str) -> typer.Exit:
    """One line on stderr and exit code 2 (bad input, as click uses for usage errors): no traceback for a typo.

    typer.echo, not rich: a path holding "[...]" must print as typed, not as markup."""
    typer.echo(f"Error: {sentence}", err=True)
    return typer.Exit(2)


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
    try:
        user = users.add_user(settings, email=email, name=name, confirmation_address=confirm_to, desktop_tools=not no_desktop_tools)
    except users.InvalidAddress as e:
        bad = confirm_to if confirm_to is not None and _is_address(email) else email
        raise _fail(f"{bad}: {e}") from e
    print(user.import_address)


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def _is_address(text: str) -> bool:
    from tasks import users

    try:
        users.normalise_address(text)
    except users.InvalidAddress:
        return False
    return True


@users_app.command("list")
def users_list() -> None:
    """List recruiters with their import and confirmation addresses."""
    from rich.table import Table
    from rich.text import Text

    from tasks import users

    settings = _ready_settings()
    rows = [
        (
            user.email,
            user.name,
            user.import_address,
            user.confirmation_address or f"{user.email} (login email)",
            "yes" if user.desktop_tools else "no",
        )
        for user in users.list_users(settings)
    ]
    headers = ("email", "name", "import address", "confirmations to", "desktop tools")
    if not _is_terminal():
        # Piped or captured: one tab-separated line per recruiter, addresses whole, for grep and cut.
        for row in (headers, *rows):
            print("\t".join(row))
        return
    # An address cut to "rita.k3j…" is useless to copy: the table only when every cell fits whole, else a block each.
    widths = [max(len(value) for value in column) for column in zip(headers, *rows)]
    if sum(widths) + 3 * len(widths) + 1 <= console.width:
        table = Table()
        for header in headers:
            table.add_column(header, no_wrap=True, overflow="fold")
        for row in rows:
            table.add_row(*(Text(value) for value in row))  # Text: a name like "[Agency]" is not markup
        console.print(table)
        return
    for email, name, *rest in rows:
        print(f"{email}  {name}")
        for header, value in zip(headers[2:], rest):
            print(f"  {header + ':':<18} {value}")


@app.command()
def ingest(
    maildir: Optional[Path] = typer.Option(None, "--maildir", help="Read this Maildir folder instead of the configured mailboxes."),
    deliver: bool = typer.Option(True, "--deliver/--no-deliver", help="Send the queued emails right after."),
) -> None:
    """Run the ingest flow once over the mailbox(es), then deliver the outbox.

    --maildir takes a Maildir (new/, cur/, tmp/) or a plain folder of .eml / .msg files (done ones move to done/).
    """
    mailbox_url = _mailbox_url_of(maildir) if maildir is not None else None
    from flows.deliver import deliver as deliver_flow
    from flows.ingest import ingest as ingest_flow
    from flows.ingest import run_ingest_once

    _quiet_libraries()
    settings = _ready_settings()
    if mailbox_url is None or mailbox_url.startswith("maildir://"):
        report = run_ingest_once(settings, maildir=maildir, deliver=deliver)
    else:
        report = ingest_flow(settings, [mailbox_url])
        if deliver:
            deliver_flow(settings)
    print(report.model_dump_json(indent=2))  # plain print: rich would eat [brackets] and wrap long lines


def _mailbox_url_of(folder: Path) -> str:
    """The mailbox URL for --maildir: a Maildir, or a folder of saved messages; a typo is an error, never a new folder."""
    from urllib.parse import quote

    folder = folder.expanduser().resolve()
    if not folder.exists():
        raise _fail(f"{folder} does not exist. Give a Maildir (a folder with new/, cur/ and tmp/) or a folder of .eml / .msg files.")
    if not folder.is_dir():
        raise _fail(f"{folder} is a file, not a folder. Put it in a folder (mkdir in; cp {folder.name} in/) and give the folder.")
    if (folder / "new").is_dir() and (folder / "cur").is_dir():
        return f"maildir://{folder}"
    if not any(p.suffix.lower() in (".eml", ".msg") for p in folder.iterdir() if p.is_file()):
        typer.echo(f"Note: {folder} is not a Maildir (no new/ and cur/) and holds no .eml or .msg files: nothing to read.", err=True)
    return f"folder://{quote(str(folder))}"


def _recruiter(session, email: str):
    """The recruiter with this login email, or exit 1 saying there is none."""
    from tasks import users

    user = users.get_user(session, email=email)
    if user is None:
        console.print(f"[red]no recruiter with login email {email}[/red]")
        raise typer.Exit(1)
    return user


@users_app.command("new-address")
def users_new_address(email: str) -> None:
    """Retire a recruiter's import address (mail to it is quarantined) and print the new one."""
    from models.db import session_scope
    from tasks import users

    settings = _ready_settings()
    with session_scope(settings.db_url) as session:
        user = _recruiter(session, email)
        print(users.issue_new_import_address(session, user.id, settings.import_domain).import_address)


@users_app.command("confirm-to")
def users_confirm_to(email: str, address: Optional[str] = typer.Argument(None, help="Empty: back to the login email.")) -> None:
    """Send a recruiter's confirmations to ADDRESS."""
    from models.db import session_scope
    from tasks import users

    settings = _ready_settings()
    with session_scope(settings.db_url) as session:
        user = _recruiter(session, email)
        try:
            user = users.set_confirmation_address(session, user.id, address)
        except users.InvalidAddress as e:
            console.print(f"[red]{e}[/red]")
            raise typer.Exit(1) from e
        print(users.confirmation_address_of(user))


@app.command()
def watch(
    interval: float = typer.Option(2.0, "--interval", min=0.2, help="Seconds between looks at the mailboxes."),
) -> None:
    """Keep running: ingest as soon as mail arrives and send the confirmations (Ctrl-C stops)."""
    from flows.watch import watch as watch_mailboxes
    from tasks.mailbox import redact

    _quiet_libraries()
    settings = _ready_settings()
    mailboxes = ", ".join(redact(url) for url in settings.mailboxes)
    sending_to = redact(settings.smtp_url) if settings.smtp_url else settings.outbox_dir
    console.print(f"Watching {mailboxes} every {interval:g} s; emails go to {sending_to}. Ctrl-C stops.")

    def show(report) -> None:
        console.print(f"{report.messages} message(s) read, {len([d for d in report.drafts if d.created])} new draft(s), {report.quarantined} quarantined, {report.failed_messages} failed")

    try:
        watch_mailboxes(settings, interval=interval, on_report=show)
    except KeyboardInterrupt:
        console.print("Stopped.")


@app.command()
def deliver() -> None:
    """Run the deliver flow once: send every queued email (Maildir outbox or SMTP)."""
    from flows.deliver import deliver as deliver_flow

    settings = _ready_settings()
    print(deliver_flow(settings).model_dump_json(indent=2))


@app.command()
def purge() -> None:
    """Run the purge flow once: drafts pending longer than RESUME_INBOX_RETENTION_DAYS lose their files."""
    from flows.purge import purge as purge_flow

    settings = _ready_settings()
    print(purge_flow(settings).model_dump_json(indent=2))


@app.command()
def demo() -> None:
    """A recruiter, an inbox of sample resume emails (plus ../shared/corpus/resumes when present), one run, a summary."""
    from rich.markup import escape
    from rich.table import Table

    # Before Prefect is imported: the demo's output is its summary, not every task run's log line.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from flows.demo import DEMO_RECRUITER, run_demo

    _quiet_libraries()
    console = Console(width=None if sys.stdout.isatty() else 160)
    settings = _ready_settings()
    corpus = Path(os.environ.get("RESUME_INBOX_CORPUS", Path(__file__).resolve().parent.parent / "shared" / "corpus")) / "resumes"
    console.print(f"Resume Inbox demo in [bold]{settings.home}[/bold] (set RESUME_INBOX_HOME to use another folder)")
    if not corpus.is_dir():
        console.print(f"[dim]No shared corpus at {corpus}: sample resumes only (set RESUME_INBOX_CORPUS).[/dim]")
    result = run_demo(settings, corpus if corpus.is_dir() else None)

    def cell(guess: tuple) -> str:
        value, score = guess
        return f"{escape(value)} [dim]{score:.2f}[/dim]" if value else "[red]-[/red]"

    table = Table("file", "status", "first", "last", "email", "phone", "error", title="Drafts", show_lines=False)
    colours = {"pending": "green", "duplicate": "yellow", "failed": "red"}
    for row in result.rows:
        status = f"[{colours.get(row.status, 'white')}]{row.status}[/]"
        table.add_row(escape(row.file), status, cell(row.first_name), cell(row.last_name), cell(row.email), cell(row.phone), escape(row.error or ""))
    console.print(table)
    report = result.report
    new = sum(1 for d in report.drafts if d.created)
    console.print(
        f"Recruiter import address: [bold]{result.import_address}[/bold]\n"
        f"This run: {result.messages_added} messages added to the inbox, {report.messages} read, "
        f"{report.quarantined} quarantined (unknown address, no reply), {new} new drafts, "
        f"{report.failed_messages} failed runs, in {result.seconds:.1f} s.\n"
        f"Outbox: {result.outbox_files} emails ({result.confirmations} confirmations, {result.failures} failure notices) in "
        f"[bold]{result.outbox_dir / 'new'}[/bold]  (open any file with a mail client, or `less`)."
    )
    if result.example_save or result.example_review:
        console.print(f"Example links: Save {result.example_save}\n               Review {result.example_review}")
    console.print(f"Start the dashboard to use them: [bold]{escape(_own_command())} dashboard[/bold] (leave it running, then open a link).")
    console.print(f"Desktop Tools: sign in as {DEMO_RECRUITER[0]}; the sign-in link arrives in the same outbox folder.")


def _own_command() -> str:
    """'resume-inbox' when that is on PATH, else the full path of this virtualenv's script (.venv/bin/resume-inbox)."""
    script = Path(sys.executable).with_name("resume-inbox")
    on_path = shutil.which("resume-inbox")
    return "resume-inbox" if on_path and Path(on_path).resolve() == script.resolve() else str(script)


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
    _check_folder(directory)
    if not (directory / "labels.json").is_file():
        raise _fail(f"{directory} has no labels.json, so there is nothing to compare the fields with (a list of {{\"file\": ..., \"first_name\": ...}}).")
    from tasks.benchmark import pin_to_one_core
    from tasks.evaluate import evaluate_dir, refit, report_lines

    pin_to_one_core()  # the time figures are per core
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
    _check_folder(directory)
    from tasks.benchmark import run_benchmark

    try:
        result = run_benchmark(directory, rounds)
    except ValueError as problem:  # an empty folder: one line, like evaluate
        raise _fail(str(problem)) from problem
    print("\n".join(result.lines()))


def _check_folder(directory: Path) -> None:
    """evaluate / benchmark read a folder: say so in one line when DIR is not one."""
    if not directory.exists():
        raise _fail(f"{directory} does not exist (give a folder of resumes, e.g. ../shared/corpus/resumes).")
    if not directory.is_dir():
        raise _fail(f"{directory} is a file; give the folder of resumes that holds it.")


@app.command("inspect")
def inspect_message_command(message: Path = typer.Argument(..., exists=True, dir_okay=False, help="An .eml or .msg file.")) -> None:
    """Print as JSON what MESSAGE holds: subject, sent time, attachments, documents to process, skipped parts, problems."""
    from tasks.inspect import inspect_message
    from tasks.split import SplitLimits

    limits = SplitLimits.from_settings(get_settings())
    print(json.dumps(inspect_message(message.read_bytes(), limits), ensure_ascii=False, indent=2))



@app.command()
def dashboard(
    port: Optional[int] = typer.Option(None, "--port", help="Port to serve on (default: the port of RESUME_INBOX_DASHBOARD_URL)."),
    address: Optional[str] = typer.Option(None, "--address", help="Interface to bind (default: 127.0.0.1 for a localhost URL, else 0.0.0.0)."),
) -> None:
    """Start the Streamlit dashboard headless, where the links in confirmation emails point (RESUME_INBOX_DASHBOARD_URL)."""
    import ipaddress
    from urllib.parse import urlsplit

    settings = _ready_settings()
    url = urlsplit(settings.dashboard_url)
    port = port or url.port or (443 if url.scheme == "https" else 80)
    address = address or ("127.0.0.1" if url.hostname in ("localhost", "127.0.0.1") else "0.0.0.0")
    root = Path(__file__).resolve().parent
    console.print(f"Resume Inbox dashboard on http://{address}:{port} (links point to {settings.dashboard_url}); Ctrl+C stops it.", soft_wrap=True)
    try:
        loopback = address == "localhost" or ipaddress.ip_address(address).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        loopback = False
    if not loopback:
        typer.echo(
            f"Warning: serving on {address}, not only this machine. Links and Desktop Tools need a mailed secret, but the "
            "Extraction quality and Operations pages have no sign-in: anyone who can reach them sees candidates' names "
            "and emails in recent corrections and events. Keep it on a trusted network.",
            err=True,
        )
    command = [sys.executable, "-m", "streamlit", "run", str(root / "dashboard" / "app.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", address, "--browser.gatherUsageStats", "false"]
    # streamlit reads .streamlit/config.toml (theme, toolbar) from the working directory.
    os.chdir(root)
    sys.stdout.flush()
    sys.stderr.flush()
    # Streamlit replaces this process, so SIGTERM / SIGINT from a supervisor reach it directly (no orphaned child).
    os.execv(sys.executable, command)

if __name__ == "__main__":
    app()
