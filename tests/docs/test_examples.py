"""Every example of the README and the guide runs, and shows what it prints.

GraphQL examples go through the real app (``/graphql``) on a fresh store holding the
bundled datasets as ``govgraph ingest data/*/`` loads them; sh examples run the real
``govgraph`` command in a temporary copy of the repository's data, each document on
a fresh copy of that store. See ``tests/docs/examples.py`` for the convention.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role
from tests.docs.examples import ROOT, Example, documents, examples, matches

BIN = Path(sys.executable).parent
ALL = [example for path in documents() for example in examples(path)]
GRAPHQL = [e for e in ALL if not e.commands]
SH = [e for e in ALL if e.commands]
COMMAND_TIMEOUT = 300


def _ids(found: list[Example]) -> list[str]:
    return [e.fence.where for e in found]


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store loaded by the real ``govgraph ingest data/*/`` (judgements applied)."""
    home = tmp_path_factory.mktemp("docs-store")
    bundled = sorted(p for p in (ROOT / "data").iterdir() if (p / "datapackage.json").is_file())
    result = subprocess.run([str(BIN / "govgraph"), "ingest", *map(str, bundled)],
                            env=_env(home / "db", home), capture_output=True, text=True,
                            timeout=COMMAND_TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr
    return home / "db"


def _env(db: Path, home: Path, data: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVGRAPH_")}
    env.update(GOVGRAPH_DB=str(db), GOVGRAPH_KEYS=str(home / "keys.sqlite3"),
               GOVGRAPH_DATA=str(data or ROOT / "data"),
               PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", COLUMNS="200")
    return env


class _DocumentApps:
    """One app per document, on its own copy of the bundled store: a document's examples run
    in order on the same data (an edit, then its history), and no document sees another's
    edits."""

    def __init__(self, bundled_store: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._bundled = bundled_store
        self._tmp = tmp_path_factory
        self._document: Path | None = None
        self._open: tuple[TestClient, Settings, LadybugRunner] | None = None

    def __call__(self, document: Path) -> tuple[TestClient, Settings]:
        if document != self._document:
            self.close()
            home = self._tmp.mktemp("docs-app")
            db = home / "db"
            shutil.copytree(self._bundled, db)
            settings = Settings(db=db, keys=home / "keys.sqlite3", data=ROOT / "data")
            runner = LadybugRunner(db)
            test_client = TestClient(create_app(runner, settings))
            test_client.__enter__()
            self._document, self._open = document, (test_client, settings, runner)
        assert self._open is not None
        return self._open[0], self._open[1]

    def close(self) -> None:
        if self._open is not None:
            test_client, _, runner = self._open
            test_client.__exit__(None, None, None)
            runner.close()
            self._document, self._open = None, None


@pytest.fixture(scope="module")
def apps(bundled_store: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[_DocumentApps]:
    document_apps = _DocumentApps(bundled_store, tmp_path_factory)
    try:
        yield document_apps
    finally:
        document_apps.close()


def test_the_documentation_has_examples_of_both_kinds() -> None:
    assert len(GRAPHQL) >= 10 and len(SH) >= 3, (len(GRAPHQL), len(SH))


@pytest.mark.parametrize("example", GRAPHQL, ids=_ids(GRAPHQL))
def test_graphql_example(example: Example, apps: _DocumentApps) -> None:
    if example.skipped:
        pytest.skip(f"marked skip at {example.fence.where}")
    test_client, settings = apps(example.fence.path)
    headers = {}
    if example.role:
        assert example.role in {r.value for r in Role}, f"unknown role {example.role!r}"
        _, token = KeyStore(settings.keys).create("docs", Role(example.role))
        headers["Authorization"] = f"Bearer {token}"
    response = test_client.post("/graphql", json={"query": example.fence.body},
                                headers=headers)
    answer: dict[str, Any] = response.json()
    if example.expected is None:
        assert not answer.get("errors"), (example.fence.where, answer["errors"])
        assert response.status_code == 200
        return
    assert answer == json.loads(example.expected), (
        f"{example.fence.where}: the answer is\n{json.dumps(answer, ensure_ascii=False, indent=2)}")


@pytest.mark.parametrize("example", SH, ids=_ids(SH))
def test_sh_example(example: Example, bundled_store: Path, tmp_path: Path) -> None:
    if example.skipped:
        pytest.skip(f"marked skip at {example.fence.where}")
    work = _repository_copy(tmp_path / "repo")
    if (any("../shared/" in command.text for command in example.commands)
            and not (work.parent / "shared").is_dir()):
        message = f"{example.fence.where} reads ../shared/, which is not beside this checkout"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    db = tmp_path / "db"
    shutil.copytree(bundled_store, db)
    env = _env(db, tmp_path, work / "data")
    for command in example.commands:
        result = subprocess.run(["bash", "-c", command.text], cwd=work, env=env,
                                capture_output=True, text=True, timeout=COMMAND_TIMEOUT,
                                check=False)
        where = f"{example.fence.where}: $ {command.text}"
        assert result.returncode == 0, f"{where}\nexit {result.returncode}\n{result.stderr}"
        if command.expected:
            shown = [result.stdout, result.stderr, result.stdout + result.stderr]
            assert any(matches(command.expected, text.rstrip().splitlines()) for text in shown), (
                f"{where}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")


def _repository_copy(target: Path) -> Path:
    """The repository root as a command sees it: its files linked, ``data/`` copied."""
    target.mkdir()
    for entry in ROOT.iterdir():
        if entry.name in {"data", ".git", "var"}:
            continue
        (target / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "data", target / "data")
    shared = ROOT.parent / "shared"  # the seeds, beside the checkout where there are any
    if shared.is_dir() and not (target.parent / "shared").exists():
        (target.parent / "shared").symlink_to(shared)
    return target
