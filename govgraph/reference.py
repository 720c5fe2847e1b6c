"""The guide's reference pages, generated from the code when the guide is built.

``make docs`` runs MkDocs with this module as a hook (``mkdocs.yml``): before the
build it adds four pages that are never written by hand, so they cannot drift from
the code: the GraphQL schema (SDL with every description), every ``GOVGRAPH_*``
setting with its default (from :class:`govgraph.settings.Settings`), the command
line (from the typer app) and the error codes (from the exception classes).
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from pydantic_core import PydanticUndefined

from govgraph import settings as settings_module

REFERENCE = "guide/reference"
"""Where the generated pages go, relative to the guide's ``docs_dir``."""


@dataclass(frozen=True)
class SettingDoc:
    """One ``GOVGRAPH_*`` setting as the guide states it."""

    variable: str
    default: Any
    """The default value, or None when it is computed (``computed`` says how)."""
    shown: str
    description: str


def setting_docs() -> list[SettingDoc]:
    """Every setting of :class:`~govgraph.settings.Settings`, in declaration order.

    The default is the declared one, whatever the environment says; defaults computed
    at start (paths) are described rather than given as this machine's value.
    """
    described = _attribute_docstrings(Path(inspect.getfile(settings_module)), "Settings")
    found = []
    for name, field in settings_module.Settings.model_fields.items():
        default = field.default
        if default is PydanticUndefined:
            default, shown = None, "computed at start (see the description)"
        else:
            shown = _shown(default)
        found.append(SettingDoc(f"GOVGRAPH_{name.upper()}", default, shown,
                                described.get(name, "")))
    return found


def _shown(value: Any) -> str:
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if isinstance(value, Path):
        try:
            return f"`{value.relative_to(settings_module.PROJECT_ROOT)}` of the source checkout"
        except ValueError:
            return f"`{value}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == "":
        return "(empty)"
    return f"`{value}`"


def _attribute_docstrings(path: Path, class_name: str) -> dict[str, str]:
    """The string written under each annotated attribute of ``class_name`` in ``path``,
    and the comment heading each group, joined into one line each."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            body = node.body
            for statement, after in zip(body, [*body[1:], None], strict=True):
                if (isinstance(statement, ast.AnnAssign)
                        and isinstance(statement.target, ast.Name)
                        and isinstance(after, ast.Expr)
                        and isinstance(after.value, ast.Constant)
                        and isinstance(after.value.value, str)):
                    found[statement.target.id] = _markdown(after.value.value)
    return found


def _markdown(docstring: str) -> str:
    """A docstring's text on one line, its reStructuredText literals and roles as Markdown."""
    text = " ".join(docstring.split()).replace("``", "`")
    return re.sub(r":\w+:`([^`]*)`", r"`\1`", text)


def settings_page() -> str:
    """The settings reference: one row per ``GOVGRAPH_*`` variable."""
    rows = "\n".join(f"| `{s.variable}` | {s.shown} | {_cell(s.description)} |"
                     for s in setting_docs())
    return f"""# Settings

Every setting is an environment variable (read when a command starts), generated
here from `govgraph/settings.py`. Sizes are bytes, times seconds.

| variable | default | meaning |
|---|---|---|
{rows}

Where the defaults that are computed at start come from:

- `GOVGRAPH_DB`: `var/govgraph` in the source checkout govgraph runs from; for an
  installed package, the user's data directory (`~/.local/share/govgraph/govgraph`
  on Linux). A relative path is relative to the working directory.
- `GOVGRAPH_KEYS`: `keys.sqlite3` beside the store's directory.
- `GOVGRAPH_JUDGEMENTS`: `judgements.csv` in `GOVGRAPH_DATA`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|") or " "


def cli_page() -> str:
    """The command-line reference, from the typer app: every command with its options."""
    import click
    import typer.main

    from govgraph import cli

    root = typer.main.get_command(cli.app)
    doc = inspect.getdoc(cli) or ""
    parts = [f"# Command line\n\n{doc}\n"]
    for path, command in _commands(root, ["govgraph"]):
        context = click.Context(command, info_name=" ".join(path))
        usage = " ".join([*path, *command.collect_usage_pieces(context)])
        parts.append(f"## `{' '.join(path[1:])}`\n\n```text\n{usage}\n```\n\n"
                     f"{inspect.cleandoc(command.help or '')}\n")
        rows = []
        for param in command.params:
            record = param.get_help_record(context)
            if record is None:  # an argument: typer gives its help separately
                help_text = getattr(param, "help", "") or ""
                rows.append(f"| `{(param.name or '').upper()}` | {_cell(help_text)} |")
            else:
                rows.append(f"| `{record[0]}` | {_cell(record[1])} |")
        if rows:
            parts.append("| argument or option | meaning |\n|---|---|\n" + "\n".join(rows) + "\n")
    return "\n".join(parts)


def _commands(group: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
    import click

    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, [*path, name])
        else:
            yield [*path, name], command


def graphql_page() -> str:
    """The GraphQL schema as SDL, with every type's and field's description."""
    from schema.root import schema

    return f"""# GraphQL schema

The schema `/graphql` serves, printed from the code (`schema/`) when the guide is
built; GraphiQL at `/graphql` shows the same with completion. Deprecated fields and
arguments carry `@deprecated(reason: ...)` and keep working for one release.

```graphql
{schema.as_str()}
```
"""


@dataclass(frozen=True)
class ErrorCode:
    """One code a caller can receive, where, and what it means."""

    code: str
    where: str
    meaning: str


def error_codes() -> list[ErrorCode]:
    """Every error code, from the exception classes that carry one and the request-level
    codes of the GraphQL layer and the HTTP limits."""
    from api.limits import BATCH_LIMIT, REQUEST_TOO_LARGE, RESPONSE_TOO_LARGE
    from api.security import auth  # noqa: F401  (its errors subclass GovgraphError)
    from govgraph import cli  # noqa: F401
    from graph.errors import GovgraphError
    from ingest import issues, roster  # noqa: F401
    from schema import errors

    found: dict[str, ErrorCode] = {}
    for cls in _subclasses(GovgraphError):
        doc = (inspect.getdoc(cls) or "").split("\n\n")[0]
        if cls.code not in found:
            found[cls.code] = ErrorCode(cls.code, "GraphQL, HTTP, CLI", _markdown(doc))
    for limit in _subclasses(errors.LimitError):
        found[limit.code] = ErrorCode(limit.code, "GraphQL",
                                      _markdown(inspect.getdoc(limit) or ""))
    request = {
        errors.PARSE_FAILED: "The document is not GraphQL (a syntax error, with its place).",
        errors.VALIDATION_FAILED: "The document asks for something the schema does not "
                                  "have, or is otherwise invalid.",
        errors.BAD_USER_INPUT: "An argument or variable is malformed or out of range.",
        errors.INTERNAL: "Something unexpected failed; the server log has the details, "
                         "the answer none.",
        REQUEST_TOO_LARGE: "HTTP 413: the request body is above GOVGRAPH_MAX_BODY_BYTES.",
        BATCH_LIMIT: "HTTP 400: more batched operations than GOVGRAPH_MAX_BATCH allows.",
        RESPONSE_TOO_LARGE: "The answer would be above GOVGRAPH_MAX_RESPONSE_BYTES.",
    }
    for code, meaning in request.items():  # these say it better than one class's docstring
        where = found[code].where if code in found else (
            "GraphQL" if code.startswith("GRAPHQL") else "GraphQL, HTTP")
        found[code] = ErrorCode(code, where, meaning)
    return sorted(found.values(), key=lambda e: e.code)


def _subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def errors_page() -> str:
    """The error codes, one row each."""
    rows = "\n".join(f"| `{e.code}` | {e.where} | {_cell(e.meaning)} |" for e in error_codes())
    return f"""# Error codes

Every GraphQL error carries a code in `extensions.code` and a message for people;
it never carries a stack trace. The command line prints the message and exits with
a non-zero code (see the command-line reference). Generated from the exception
classes of the code.

| code | where | meaning |
|---|---|---|
{rows}
"""


PAGES = {
    "graphql.md": graphql_page,
    "settings.md": settings_page,
    "cli.md": cli_page,
    "errors.md": errors_page,
}
"""The generated pages, by file name under :data:`REFERENCE`."""


def on_files(files: Any, config: Any) -> Any:
    """MkDocs hook: add the generated reference pages to the build."""
    from mkdocs.structure.files import File

    for name, make in PAGES.items():
        files.append(File.generated(config, f"{REFERENCE}/{name}", content=make()))
    return files
