"""The ``govgraph`` command: ingest, serve, query, reset, roster, keys.

Exit codes: 0 success; 1 the GraphQL response has errors or a check failed;
2 wrong usage; 3 the store is locked or unreachable; 4 a dataset was refused;
5 a write failed half-way (the disk is full, say): the message says what the store holds.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from govgraph.settings import Settings
from graph.errors import GovgraphError, NotFoundError, StoreLockedError, StoreUnavailableError
from graph.runner import Runner
from graph.store import open_runner
from ingest import guards
from ingest.identity import load_judgements
from ingest.issues import DatasetInvalidError
from ingest.package import DESCRIPTOR, Dataset, load_dataset
from ingest.writer import IngestReport, ingest_all

if TYPE_CHECKING:
    from rich.progress import Task
    from rich.text import Text

# Each command imports what only it needs (the server, the analyses, workbooks, progress
# bars) where it runs: `govgraph ingest` is timed as a whole process (benchmarks/ingest_process).

app = typer.Typer(help="govgraph: a GraphQL knowledge graph of collaborative-governance "
                       "networks.", no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True)

EXIT_ERRORS, EXIT_STORE, EXIT_DATASET = 1, 3, 4
EXIT_WRITE = 5


class DatasetsRefusedError(GovgraphError):
    """One or more of the datasets of one ingest were refused; none was written."""

    code = "DATASET_INVALID"

    def __init__(self, refusals: list[DatasetInvalidError], total: int) -> None:
        self.refusals = refusals
        details = "\n".join(str(refusal) for refusal in refusals)
        super().__init__(f"{details}\nNone of the {total} datasets was written."
                         if total > 1 else details)


def _say_recovery(message: str) -> None:
    typer.echo(f"recovery: {message}", err=True)


@contextmanager
def _store(settings: Settings, *, allow_read_only: bool = False,
           report: Callable[[str], None] = _say_recovery) -> Iterator[Runner]:
    """Open the configured store, turning store errors into a message and an exit code.

    If opening it recovered from a process that died while writing, ``report``
    is told what recovery did (by default it goes to stderr).
    """
    try:
        try:
            runner = open_runner(settings)
        except StoreLockedError:
            if not allow_read_only:
                raise
            runner = open_runner(settings, read_only=True)
    except (StoreLockedError, StoreUnavailableError) as exc:
        _error(exc)
        raise typer.Exit(EXIT_STORE) from exc
    if runner.recovery:
        report(str(runner.recovery))
    try:
        yield runner
    finally:
        runner.close()


def _error(problem: Exception) -> None:
    """Print a problem to stderr as it is: unwrapped, so paths and rows stay whole."""
    typer.echo(f"error: {problem}", err=True)


def bundled_datasets(settings: Settings) -> list[Path]:
    """Dataset folders shipped in ``GOVGRAPH_DATA`` (default: the project's ``data/``)."""
    if not settings.data.is_dir():
        return []
    return sorted(p for p in settings.data.iterdir() if (p / DESCRIPTOR).is_file())


def _ingest_paths(runner: Runner, paths: list[Path], *, force: bool,
                  name: str | None = None,
                  judgements: Path | None = None) -> list[IngestReport]:
    """Validate every dataset, then write them all in one transaction: all or none.

    The identity judgements of ``judgements`` (a missing file: none) are applied
    in the same transaction.

    Raises
    ------
    DatasetsRefusedError
        With every refused dataset's problems, if any was refused.
    DatasetInvalidError
        If two paths give the same dataset name.
    """
    datasets: list[Dataset] = []
    refused: list[DatasetInvalidError] = []
    for path in paths:
        try:
            datasets.append(_load(path, name))
        except DatasetInvalidError as exc:
            refused.append(exc)
    decided = load_judgements(judgements)
    if refused:
        raise DatasetsRefusedError(refused, len(paths))
    with _progress() as progress:
        return ingest_all(runner, datasets, force=force, judgements=decided,
                          progress=progress)


def _rows_per_second(task: Task) -> Text:
    """Rows written per second so far."""
    from rich.text import Text

    speed = task.finished_speed or task.speed
    return Text(f"{speed:,.0f} rows/s" if speed else "", style="progress.data.speed")


@contextmanager
def _progress() -> Iterator[Callable[[int, int], Callable[[int], None]]]:
    """A progress bar of the rows written, with rows per second, on a terminal only."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    class _RowsPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            return _rows_per_second(task)

    bar = Progress(TextColumn("writing"), BarColumn(), MofNCompleteColumn(), _RowsPerSecond(),
                   TimeElapsedColumn(), console=err, disable=not err.is_terminal,
                   transient=True)

    def start(rows: int, deleted: int) -> Callable[[int], None]:
        task = bar.add_task("write", total=rows)
        return lambda done: bar.advance(task, done)

    with bar:
        yield start


def _load(path: Path, name: str | None) -> Dataset:
    """A Data Package folder (or its datapackage.json), or a Popolo JSON file."""
    if path.suffix == ".json" and path.name != DESCRIPTOR:
        from ingest.popolo import load_popolo

        return load_popolo(path, name)
    return load_dataset(path)


def _show(reports: list[IngestReport]) -> None:
    from rich.table import Table

    table = Table("dataset", "result", "rows", "nodes", "relationships", "created", "deleted")
    for report in reports:
        table.add_row(report.dataset, "unchanged" if report.unchanged else "written",
                      str(sum(report.rows.values())), str(report.nodes),
                      str(report.relationships), str(report.written), str(report.deleted))
    err.print(table)
    for report in reports:
        if report.edits_kept:
            err.print(f"{report.dataset}: {len(report.edits_kept)} edit(s) made through the API "
                      "applied again on this version of the file.")
        for change, why in report.edit_conflicts:
            err.print(f"{report.dataset}: edit {change} conflicts with the file and is not "
                      f"applied (kept in the change log, status conflict): {why}")


def _ingest_bundled_if_empty(runner: Runner, settings: Settings) -> None:
    from graph.repository import Repository

    if Repository(runner).datasets():
        return
    paths = bundled_datasets(settings)
    if paths:
        err.print(f"The store is empty: loading the bundled datasets from {settings.data}.")
        _show(_ingest_paths(runner, paths, force=False, judgements=settings.judgements))


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Dataset folders (or their datapackage.json), or Popolo JSON files.")],
    force: Annotated[bool, typer.Option(help="Write even if the same version is loaded.")] = False,
    name: Annotated[str | None, typer.Option(
        help="Dataset name for a Popolo file (default: the file name).")] = None,
    judgements: Annotated[Path | None, typer.Option(
        help="Identity judgements to apply (default: GOVGRAPH_JUDGEMENTS, "
             "data/judgements.csv).")] = None,
) -> None:
    """Validate every dataset completely, then write them all in one transaction.

    If any dataset is refused, none is written. The identity judgements are
    applied in the same transaction.
    """
    settings = Settings()
    guards.configure(settings.max_cell_bytes)
    if settings.backend == "ladybug" and settings.ingest_spare_bytes:
        problem = guards.room_problem(settings.db, paths, settings.ingest_spare_bytes)
        if problem:
            _error(Exception(problem))
            raise typer.Exit(EXIT_WRITE)
    before: dict[str, str] = {}
    try:
        with _store(settings) as runner:
            before = guards.versions(runner)
            try:
                reports = _ingest_paths(runner, paths, force=force, name=name,
                                        judgements=judgements or settings.judgements)
            except (DatasetInvalidError, DatasetsRefusedError) as exc:
                _error(exc)
                raise typer.Exit(EXIT_DATASET) from exc
            _show(reports)
    except typer.Exit:
        raise
    except (RuntimeError, GovgraphError, OSError) as exc:  # the write itself failed
        _write_failed(settings, before, exc)


def _write_failed(settings: Settings, before: dict[str, str], exc: BaseException) -> NoReturn:
    """Say in one message why a write failed and what the store holds now (reopened to see)."""
    logging.getLogger("govgraph.store").debug("the write failed", exc_info=exc)
    after: dict[str, str] | None = None
    try:  # read-only: a full disk cannot take the recovery's own writes
        runner = open_runner(settings, read_only=True)
    except (RuntimeError, GovgraphError, OSError):
        runner = None  # e.g. recovery pending: it needs to write, and the disk is still full
    if runner is not None:
        try:
            after = guards.versions(runner)
        except (RuntimeError, GovgraphError, OSError):
            after = None
        finally:
            runner.close()
    why = ("the disk is full (or a file-size limit was reached)" if guards.out_of_space(exc)
           else f"the store refused it ({type(exc).__name__})")
    _error(Exception(f"the ingest failed while writing: {why}. "
                     f"{guards.what_was_kept(before, after)}"))
    raise typer.Exit(EXIT_WRITE) from None


@app.command()
def convert(
    roster: Annotated[Path, typer.Argument(help="A CSV file or .xlsx workbook with person "
                                                "and body columns (role, start, end, "
                                                "classification, parent, member_category, "
                                                "category, notes optional).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write.")],
    name: Annotated[str, typer.Option(help="Dataset name (lowercase, digits, '-').")],
    source: Annotated[str, typer.Option(help="Where the roster comes from, given once for "
                                             "every row (e.g. 'minutes-2024.pdf').")],
    sheet: Annotated[str | None, typer.Option(help="The sheet of an .xlsx workbook to read "
                                                   "(default: the first).")] = None,
) -> None:
    """Turn a roster (CSV or .xlsx) into a dataset folder that `govgraph ingest` loads."""
    from ingest.convert import convert_roster
    from ingest.package import load_dataset

    try:
        folder = convert_roster(roster, output, name, source, sheet)
        dataset = load_dataset(folder)
    except DatasetInvalidError as exc:
        _error(exc)
        raise typer.Exit(EXIT_DATASET) from exc
    err.print(f"Wrote {folder}: {len(dataset.rows['people'])} people, "
              f"{len(dataset.rows['bodies'])} bodies, {len(dataset.rows['memberships'])} "
              f"seats. Load it with `govgraph ingest {folder}`.")


@app.command()
def candidates(
    paths: Annotated[list[Path], typer.Argument(
        help="Dataset folders (or their datapackage.json), or Popolo JSON files.")],
    judgements: Annotated[Path | None, typer.Option(
        help="Judgements already made (default: GOVGRAPH_JUDGEMENTS).")] = None,
    undecided: Annotated[bool, typer.Option(
        help="Only pairs the judgements file does not decide yet.")] = False,
    min_score: Annotated[float, typer.Option(help="Leave out weaker pairs.")] = 0.0,
) -> None:
    """List records of these datasets that may be one person, body or organisation.

    Tab-separated, best first: score, kind, left id, right id, judgement (``-``
    if none yet), both names and the evidence. Record decisions in the
    judgements file; `govgraph ingest` applies them.
    """
    from ingest.identity import candidates as find

    settings = Settings()
    try:
        decided = load_judgements(judgements or settings.judgements)
        datasets = [_load(path, None) for path in paths]
    except DatasetInvalidError as exc:
        _error(exc)
        raise typer.Exit(EXIT_DATASET) from exc
    typer.echo("score\tkind\tleft_id\tright_id\tjudgement\tleft_name\tright_name\tevidence")
    for c in find(datasets, decided, min_score):
        if undecided and c.judgement is not None:
            continue
        typer.echo(f"{c.score:.2f}\t{c.kind}\t{c.left.id}\t{c.right.id}\t"
                   f"{c.judgement.judgement if c.judgement else '-'}\t{c.left.name}\t"
                   f"{c.right.name}\t{'; '.join(c.reasons)}")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(
        help="Interface to listen on (default: GOVGRAPH_HOST, 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(
        help="Port to listen on (default: GOVGRAPH_PORT, 8000).")] = None,
    bundled: Annotated[bool, typer.Option(help="Load the bundled datasets into an empty "
                                               "store first.")] = True,
    log_level: Annotated[str | None, typer.Option(
        help="debug, info, warning, error or critical (default: GOVGRAPH_LOG_LEVEL, info); "
             "the access log is at info.")] = None,
) -> None:
    """Serve the dashboard, GraphQL (with GraphiQL), the HTTP API and the guide."""
    import uvicorn

    from api.app import create_app
    from api.security import audit
    from api.serving import uvicorn_config

    overrides: dict[str, Any] = {name: value for name, value in
                 {"host": host, "port": port, "log_level": log_level}.items()
                 if value is not None}
    try:
        settings = Settings(**overrides)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    with _store(settings, report=logging.getLogger("govgraph.store").warning) as runner:
        if bundled:
            _ingest_bundled_if_empty(runner, settings)
        base = f"http://{settings.host}:{settings.port}"
        err.print(f"Dashboard: {base}/dashboard\nGraphiQL:  {base}/graphql\n"
                  f"HTTP API:  {base}/docs\nGuide:     {base}/guide/\n"
                  f"(store: {runner.backend}; stop with Ctrl-C)", highlight=False)
        audit.to_stderr(settings.log_level)  # replaces uvicorn's access log (query strings)
        uvicorn.Server(uvicorn_config(
            create_app(runner, settings), settings.host, settings.port, access_log=False,
            log_level=settings.log_level,
            header_timeout=settings.header_timeout, max_connections=settings.max_connections,
            keep_alive_timeout=settings.keep_alive_timeout)).run()


@app.command()
def query(
    document: Annotated[str | None, typer.Argument(help="A GraphQL document.")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f", help="Read it from a file.")] = None,
    variables: Annotated[str | None, typer.Option(help="Variables as a JSON object.")] = None,
    operation: Annotated[str | None, typer.Option(help="Operation name.")] = None,
) -> None:
    """Run a GraphQL document against the store and print the JSON response."""
    from api.bodycheck import BadBytesError, check_json, check_text
    from api.execute import execute

    if (document is None) == (file is None):
        raise typer.BadParameter("give a GraphQL document or --file, not both")
    depth = Settings().max_json_depth
    try:
        # Arguments come in as the locale decoded them: undecodable bytes are lone surrogates.
        text = (check_text(file.read_bytes(), str(file)) if file else
                check_text(str(document).encode("utf-8", "surrogateescape"), "the document"))
        values: Any = (check_json(variables.encode("utf-8", "surrogateescape"), "--variables",
                                  depth) if variables else None)
    except BadBytesError as exc:
        raise typer.BadParameter(str(exc)) from None
    except UnicodeEncodeError as exc:
        raise typer.BadParameter("the input holds a lone surrogate, which is not text") from exc
    except OSError as exc:
        raise typer.BadParameter(f"{file} cannot be read: {exc.strerror}") from None
    if values is not None and not isinstance(values, dict):
        raise typer.BadParameter("--variables must be a JSON object")
    settings = Settings()
    with _store(settings, allow_read_only=True) as runner:
        if not runner.read_only:
            _ingest_bundled_if_empty(runner, settings)
        response = execute(runner, text, values, operation, settings)
    print(json.dumps(response, ensure_ascii=False, indent=2, default=str))
    if response.get("errors"):
        raise typer.Exit(EXIT_ERRORS)


@app.command("export-popolo")
def export_popolo_command(
    dataset: Annotated[str, typer.Argument(help="Name of a loaded dataset.")],
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write here instead of stdout.")] = None,
) -> None:
    """Write a dataset's people, organisations and memberships as Popolo JSON."""
    from ingest.popolo import export_popolo

    with _store(Settings(), allow_read_only=True) as runner:
        try:
            document = export_popolo(runner, dataset)
        except NotFoundError as exc:
            _error(exc)
            raise typer.Exit(EXIT_ERRORS) from exc
    text = json.dumps(document, ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


@app.command()
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete everything in the store."""
    settings = Settings()
    if not yes:
        typer.confirm(f"Delete every dataset in the {settings.backend} store?", abort=True)
    with _store(settings) as runner:
        runner.write([("delete_everything", {})])
    err.print("The store is empty.")


@app.command()
def roster(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder with a roster/ calibration.")],
    check: Annotated[bool, typer.Option(help="Only check that the committed roster is "
                                             "what the generator makes.")] = False,
) -> None:
    """Generate the pseudonymous roster (people.csv, memberships.csv) of a dataset."""
    from ingest.csvfiles import render
    from ingest.roster import (
        MEMBERSHIP_COLUMNS,
        MEMBERSHIPS_FILE,
        PEOPLE_COLUMNS,
        PEOPLE_FILE,
        ROSTER_DIR,
        generate_roster,
        write_roster,
    )

    calibration = dataset / ROSTER_DIR / DESCRIPTOR
    if not calibration.is_file():
        _error(Exception(f"{dataset} has no roster calibration ({calibration} is missing); "
                         "only a dataset generated from published counts has one"))
        raise typer.Exit(EXIT_DATASET)
    try:
        if not check:
            made = write_roster(dataset)
            err.print(f"Wrote {len(made.people)} people and {len(made.memberships)} seats.")
            return
        made = generate_roster(dataset)
    except GovgraphError as exc:
        _error(exc)
        raise typer.Exit(EXIT_DATASET) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        _error(Exception(f"the roster calibration in {dataset / ROSTER_DIR} cannot be read: "
                         f"{exc!r}"))
        raise typer.Exit(EXIT_DATASET) from exc
    stale = [name for name, columns, rows in [
        (PEOPLE_FILE, PEOPLE_COLUMNS, made.people),
        (MEMBERSHIPS_FILE, MEMBERSHIP_COLUMNS, made.memberships),
    ] if _text_or_none(dataset / name) != render(columns, rows)]
    if stale:
        err.print(f"Out of date: {', '.join(stale)}; run `govgraph roster {dataset}`.")
        raise typer.Exit(EXIT_ERRORS)
    err.print("The committed roster is what the generator makes.")


keys_app = typer.Typer(help="API keys (stored hashed in GOVGRAPH_KEYS): create, list, revoke.",
                       no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Argument(help="Who or what the key is for.")],
    role: Annotated[str, typer.Option(help="public, analyst, admin or editor.")] = "analyst",
    expires_in_days: Annotated[int | None, typer.Option(
        min=0, help="Days the key works; 0: never expires. Default: "
                    "GOVGRAPH_KEY_EXPIRY_DAYS (90).")] = None,
) -> None:
    """Create a key and print its token: it is shown this once and never stored."""
    from datetime import timedelta

    from api.security.keys import KeyStore
    from graph.privacy import Role

    if role not in {r.value for r in Role}:
        _error(ValueError(f"unknown role {role!r}; use public, analyst, admin or editor"))
        raise typer.Exit(2)
    settings = Settings()
    days = settings.key_expiry_days if expires_in_days is None else expires_in_days
    key, token = KeyStore(settings.keys).create(name, Role(role),
                                                timedelta(days=days) if days else None)
    until = f"expires {key.expires}" if key.expires else "never expires"
    err.print(f"Created key {key.id} ({key.role.value}, {until}) for {name}. Its token, "
              "shown only now (send it as Authorization: Bearer <token>):")
    typer.echo(token)


@keys_app.command("list")
def keys_list() -> None:
    """List keys, tab-separated: id, role, created, revoked, expires, name (never tokens)."""
    from api.security.keys import KeyStore

    typer.echo("id\trole\tcreated\trevoked\texpires\tname")
    for key in KeyStore(Settings().keys).list():
        typer.echo(f"{key.id}\t{key.role.value}\t{key.created}\t{key.revoked or '-'}\t"
                   f"{key.expires or '-'}\t{key.name}")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="The key's id.")]) -> None:
    """Revoke a key: requests with its token get 401 from then on."""
    from api.security.keys import KeyStore

    if not KeyStore(Settings().keys).revoke(key_id):
        _error(LookupError(f"no active key {key_id!r}"))
        raise typer.Exit(EXIT_ERRORS)
    err.print(f"Revoked key {key_id}.")


def _text_or_none(path: Path) -> str | None:
    """The file's text; None if it is missing or unreadable (so it counts as out of date)."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def main() -> None:
    app()


@app.command("export-changes")
def export_changes_command(
    dataset: Annotated[str, typer.Argument(help="Name of a loaded dataset.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write.")],
) -> None:
    """Write the edits in effect on a dataset as a Data Package (changes.csv)."""
    from graph import edits

    with _store(Settings(), allow_read_only=True) as runner:
        package = edits.changeset(runner, dataset)
    output.mkdir(parents=True, exist_ok=True)
    (output / "datapackage.json").write_text(
        json.dumps(package["descriptor"], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name, text in package["files"].items():
        (output / name).write_text(text, encoding="utf-8")
    err.print(f"Wrote {output}: {len(package['files']['changes.csv'].splitlines()) - 1} "
              "change(s).")


@app.command("apply-changes")
def apply_changes_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by export-changes.")],
) -> None:
    """Make the edits of an exported changeset again, each validated as an API edit is.

    The first change that cannot be made (refused, or made on values the store no
    longer holds) stops the run; the changes before it are kept.
    """
    import csv

    from graph import edits
    from graph.errors import GovgraphError

    with (folder / "changes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with _store(Settings()) as runner:
        try:
            made = edits.apply_changeset(runner, edits.Editor("local", "admin"), rows)
        except GovgraphError as exc:
            _error(exc)
            raise typer.Exit(EXIT_ERRORS) from exc
    err.print(f"Made {len(made)} change(s) again.")
