"""``govgraph keys``: create, list and revoke API keys, as an administrator runs it."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.security.keys import KeyStore
from govgraph.cli import app
from graph.privacy import Role


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "var" / "keys.sqlite3"
    monkeypatch.setenv("GOVGRAPH_KEYS", str(path))
    return path


def test_create_shows_the_token_once_and_stores_only_its_digest(keys: Path) -> None:
    result = CliRunner().invoke(app, ["keys", "create", "newsroom", "--role", "analyst"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("ggk_") and len(token) > 40
    assert "Created key" in result.stderr and token not in result.stderr
    verified = KeyStore(keys).verify(token)
    assert verified is not None and verified.role is Role.ANALYST
    assert verified.name == "newsroom"
    with sqlite3.connect(keys) as db:
        stored = " ".join(str(v) for row in db.execute("SELECT * FROM api_keys") for v in row)
    assert token not in stored and token.split("_", 2)[2] not in stored


def test_list_shows_ids_roles_and_revocations_never_tokens(keys: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["keys", "create", "dashboard", "--role", "public"]).stdout
    runner.invoke(app, ["keys", "create", "ops", "--role", "admin"])
    key_id = first.strip().split("_")[1]
    assert runner.invoke(app, ["keys", "revoke", key_id]).exit_code == 0
    listed = runner.invoke(app, ["keys", "list"], terminal_width=200)
    assert listed.exit_code == 0
    rows = [line for line in listed.stdout.splitlines() if "dashboard" in line or "ops" in line]
    assert len(rows) == 2
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
    assert key_id in rows[0] and "public" in rows[0] and len(stamp.findall(rows[0])) == 2
    assert "admin" in rows[1] and len(stamp.findall(rows[1])) == 1  # created, not revoked
    assert "ggk_" not in listed.stdout


def test_revoke_makes_the_token_invalid(keys: Path) -> None:
    runner = CliRunner()
    token = runner.invoke(app, ["keys", "create", "leaving"]).stdout.strip()
    key_id = token.split("_")[1]
    assert KeyStore(keys).verify(token) is not None
    revoked = runner.invoke(app, ["keys", "revoke", key_id])
    assert revoked.exit_code == 0 and "Revoked" in revoked.stderr
    assert KeyStore(keys).verify(token) is None
    again = runner.invoke(app, ["keys", "revoke", key_id])
    assert again.exit_code == 1 and "no active key" in again.stderr


def test_an_unknown_role_is_wrong_usage(keys: Path) -> None:
    result = CliRunner().invoke(app, ["keys", "create", "x", "--role", "root"])
    assert result.exit_code == 2 and "unknown role" in result.stderr
    assert not keys.exists()
