"""API keys, stored hashed in a small SQLite file beside the store.

A token is ``ggk_<key id>_<secret>``: the key id (public, logged) picks the
row, and the SHA-256 of the whole token is compared with the stored digest in
constant time. The token is shown once, at creation; only its digest is kept.
The same file keeps the generated pseudonym secret (see :mod:`graph.privacy`)
when ``GOVGRAPH_PSEUDONYM_SECRET`` is not set, so it is created readable by its
owner only (0600). Keys expire (``GOVGRAPH_KEY_EXPIRY_DAYS`` by default). The
file works the same whichever backend serves the graph.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.privacy import Role

PREFIX = "ggk_"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    digest TEXT NOT NULL,
    created TEXT NOT NULL,
    revoked TEXT,
    expires TEXT
);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


@dataclass(frozen=True)
class ApiKey:
    """A key as listed: never its token."""

    id: str
    name: str
    role: Role
    created: str
    revoked: str | None
    expires: str | None = None
    """When the key stops working (ISO 8601, UTC); None: never."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _expired(expires: str | None) -> bool:
    return expires is not None and datetime.fromisoformat(expires) <= datetime.now(UTC)


class KeyStore:
    """The keys in the SQLite file ``path`` (created on first write)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self._create_private()
        with closing(sqlite3.connect(self.path, timeout=10)) as db:
            db.executescript(_SCHEMA)
            columns = [row[1] for row in db.execute("PRAGMA table_info(api_keys)")]
            if "expires" not in columns:  # a file made before keys expired
                db.execute("ALTER TABLE api_keys ADD COLUMN expires TEXT")
            with db:
                yield db

    def _create_private(self) -> None:
        """Make the file readable by its owner only (it holds the pseudonym secret), in a
        folder only its owner can list when the folder is made for it."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            if self.path.stat().st_mode & 0o077:
                self.path.chmod(0o600)

    def create(self, name: str, role: Role,
               expires_in: timedelta | None = None) -> tuple[ApiKey, str]:
        """A new key and its token (the only time the token exists outside the caller).

        ``expires_in`` from now the key stops working; None: it never expires.
        """
        key_id = secrets.token_hex(6)
        token = f"{PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
        expires = (None if expires_in is None else
                   (datetime.now(UTC) + expires_in).isoformat(timespec="seconds"))
        key = ApiKey(key_id, name, role, _now(), None, expires)
        with self._connect() as db:
            db.execute("INSERT INTO api_keys (id, name, role, digest, created, revoked, expires) "
                       "VALUES (?, ?, ?, ?, ?, NULL, ?)",
                       (key.id, name, role.value, _digest(token), key.created, expires))
        return key, token

    def list(self) -> list[ApiKey]:
        with self._connect() as db:
            rows = db.execute("SELECT id, name, role, created, revoked, expires FROM api_keys "
                              "ORDER BY rowid").fetchall()
        return [ApiKey(i, n, Role(r), c, v, e) for i, n, r, c, v, e in rows]

    def revoke(self, key_id: str) -> bool:
        """Revoke ``key_id``; false if there is no such active key."""
        with self._connect() as db:
            changed = db.execute("UPDATE api_keys SET revoked = ? WHERE id = ? AND revoked IS "
                                 "NULL", (_now(), key_id)).rowcount
        return changed == 1

    def verify(self, token: str) -> ApiKey | None:
        """The active (not revoked, not expired) key ``token`` belongs to, or None."""
        parts = token.removeprefix(PREFIX).split("_", 1)
        if not token.startswith(PREFIX) or len(parts) != 2 or not self.path.exists():
            return None
        with self._connect() as db:
            row = db.execute("SELECT id, name, role, created, revoked, digest, expires "
                             "FROM api_keys WHERE id = ?", (parts[0],)).fetchone()
        if (row is None or not hmac.compare_digest(row[5], _digest(token)) or row[4]
                or _expired(row[6])):
            return None
        return ApiKey(row[0], row[1], Role(row[2]), row[3], row[4], row[6])

    def secret(self, name: str) -> bytes:
        """The secret ``name``, generated (32 random bytes) and kept on first use."""
        with self._connect() as db:
            db.execute("INSERT OR IGNORE INTO secrets VALUES (?, ?)",
                       (name, secrets.token_bytes(32)))
            value: bytes = db.execute("SELECT value FROM secrets WHERE name = ?",
                                      (name,)).fetchone()[0]
        return value
