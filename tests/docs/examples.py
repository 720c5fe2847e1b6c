"""Examples in the README and the guide, found by the documentation convention.

- A ```graphql fence is run against a fresh store holding the bundled datasets, as an
  anonymous caller unless the nearest line above it is ``<!-- example: role=ROLE -->``.
  If the next fence after it is ```json, that JSON must equal the whole answer.
- ``<!-- example: skip -->`` above a fence: not run (the page says why).
- A ```sh fence: each line starting with ``$ `` is a command run from the repository
  root in a temporary copy of the data; the lines after it, up to the next ``$ ``, are
  its expected output (``...`` on a line of its own stands for any lines).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>`{3,})(?P<lang>[\w+-]*)\s*$")
MARKER = re.compile(r"^\s*<!--\s*example:\s*(?P<what>.*?)\s*-->\s*$")
PROMPT = "$ "


@dataclass(frozen=True)
class Fence:
    """One fenced block of a Markdown file."""

    path: Path
    line: int
    """1-based line of the opening fence."""
    lang: str
    body: str
    marker: str
    """What the ``<!-- example: ... -->`` line above says ('' if none)."""

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


@dataclass(frozen=True)
class Command:
    """A ``$ `` command of a sh fence and the output shown after it (may be empty)."""

    text: str
    expected: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Example:
    """A runnable example: a GraphQL document or a sh fence's commands."""

    fence: Fence
    role: str | None = None
    expected: str | None = None
    """The ```json fence after a GraphQL example, if any."""
    commands: tuple[Command, ...] = ()

    @property
    def skipped(self) -> bool:
        return self.fence.marker.startswith("skip")


def documents() -> list[Path]:
    """The README and every Markdown page of the guide."""
    pages = sorted(p for p in (ROOT / "docs").rglob("*.md") if "screenshots" not in p.parts)
    return [ROOT / "README.md", *pages]


def fences(path: Path) -> list[Fence]:
    """Every fenced block of ``path``, with the marker above each."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Fence] = []
    i = 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, ticks = opening["indent"], opening["ticks"]
        body: list[str] = []
        j = i + 1
        while j < len(lines) and not (lines[j].strip().startswith(ticks)
                                      and lines[j].strip().strip("`") == ""):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j])
            j += 1
        found.append(Fence(path, i + 1, opening["lang"].lower(), "\n".join(body),
                           _marker(lines, i)))
        i = j + 1
    return found


def _marker(lines: list[str], fence: int) -> str:
    k = fence - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    match = MARKER.match(lines[k]) if k >= 0 else None
    return match["what"] if match else ""


def examples(path: Path) -> list[Example]:
    """The runnable examples of one document, skipped ones included (marked)."""
    blocks = fences(path)
    found: list[Example] = []
    for index, fence in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if fence.lang == "graphql":
            role = None
            if fence.marker.startswith("role="):
                role = fence.marker.removeprefix("role=").strip()
            expected = following.body if following and following.lang == "json" else None
            found.append(Example(fence, role=role, expected=expected))
        elif fence.lang in {"sh", "shell", "bash", "console"}:
            commands = tuple(sh_commands(fence.body))
            if commands:
                found.append(Example(fence, commands=commands))
    return found


def sh_commands(body: str) -> list[Command]:
    """The ``$ `` commands of a sh fence with the output shown after each.

    A command continues on the next line after a trailing backslash or while a quote
    is open (a GraphQL document in single quotes may span lines).
    """
    commands: list[Command] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        if not lines[i].startswith(PROMPT):
            i += 1
            continue
        text = lines[i][len(PROMPT):]
        i += 1
        while i < len(lines) and (text.endswith("\\") or not _complete(text)):
            text = text[:-1] + " " + lines[i] if text.endswith("\\") else text + "\n" + lines[i]
            i += 1
        output: list[str] = []
        while i < len(lines) and not lines[i].startswith(PROMPT):
            output.append(lines[i].rstrip())
            i += 1
        while output and not output[-1]:
            output.pop()
        commands.append(Command(text, output))
    return commands


def _complete(text: str) -> bool:
    try:
        shlex.split(text, comments=True)
    except ValueError:
        return False
    return True


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines are ``expected`` ones, ``...`` standing for any lines."""
    if not expected:
        return not actual
    head, *rest = expected
    if head.strip() == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0].rstrip() == head.rstrip() and matches(rest, actual[1:])
