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
    listed = runner.invoke(app, ["keys", "list"])
    assert listed.exit_code == 0
    header, *rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert header == ["id", "role", "created", "revoked", "expires", "name"]
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")
    (dashboard,), (ops,) = ([r for r in rows if r[5] == name] for name in ("dashboard", "ops"))
    assert dashboard[:2] == [key_id, "public"] and stamp.match(dashboard[3])
    assert ops[1] == "admin" and stamp.match(ops[2]) and ops[3] == "-"
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


def test_the_key_file_is_readable_by_its_owner_only(keys: Path) -> None:
    assert CliRunner().invoke(app, ["keys", "create", "x"]).exit_code == 0
    assert keys.stat().st_mode & 0o777 == 0o600
    assert keys.parent.stat().st_mode & 0o007 == 0  # a folder made for it: not world-listable


def test_a_world_readable_key_file_is_made_private_on_first_use(keys: Path) -> None:
    keys.parent.mkdir(parents=True)
    keys.touch(mode=0o644)
    keys.chmod(0o644)
    KeyStore(keys).list()
    assert keys.stat().st_mode & 0o777 == 0o600


def test_keys_expire_after_the_default_days(keys: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime

    monkeypatch.setenv("GOVGRAPH_KEY_EXPIRY_DAYS", "30")
    created = CliRunner().invoke(app, ["keys", "create", "temp"])
    assert "expires" in created.stderr
    [key] = KeyStore(keys).list()
    assert key.expires is not None
    days = (datetime.fromisoformat(key.expires) - datetime.now(UTC)).days
    assert 29 <= days <= 30


def test_an_expired_key_is_refused_and_zero_days_never_expires(keys: Path) -> None:
    from datetime import timedelta

    store = KeyStore(keys)
    _, expired = store.create("gone", Role.ANALYST, timedelta(seconds=-1))
    assert store.verify(expired) is None
    forever = CliRunner().invoke(app, ["keys", "create", "forever", "--expires-in-days", "0"])
    assert "never expires" in forever.stderr
    assert store.verify(forever.stdout.strip()) is not None
    listed = CliRunner().invoke(app, ["keys", "list"]).stdout.splitlines()
    assert [line.split("\t")[4] for line in listed if line.endswith("\tforever")] == ["-"]


def test_a_key_file_made_before_keys_expired_still_works(keys: Path) -> None:
    keys.parent.mkdir(parents=True)
    with sqlite3.connect(keys) as db:
        db.execute("CREATE TABLE api_keys (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT "
                   "NOT NULL, digest TEXT NOT NULL, created TEXT NOT NULL, revoked TEXT)")
    db.close()
    _, token = KeyStore(keys).create("later", Role.ADMIN)
    verified = KeyStore(keys).verify(token)
    assert verified is not None and verified.role is Role.ADMIN
