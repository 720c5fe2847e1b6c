"""Repeated GraphQL requests are answered from memory, per role and store version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import SEOUL, open_store

# a generated resident of the roster: not a public figure, named "Member 001"
WHO = {"query": '{ person(id: "seodaemun-2021/m001") { name pseudonymous } }'}
DATASETS = {"query": "{ datasets { id } }"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(keys=tmp_path / "keys.sqlite3")


@pytest.fixture
def client(seodaemun_store: LadybugRunner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store, settings)) as client:
        yield client


def test_the_same_request_again_is_a_hit_with_the_same_answer(client: TestClient) -> None:
    first = client.post("/graphql", json=WHO)
    second = client.post("/graphql", json=WHO)
    assert first.headers["x-govgraph-cache"] == "miss"
    assert second.headers["x-govgraph-cache"] == "hit"
    assert second.content == first.content


def test_each_role_has_its_own_answers(client: TestClient, settings: Settings) -> None:
    _, analyst = KeyStore(settings.keys).create("analyst", Role.ANALYST)
    public = client.post("/graphql", json=WHO)
    client.post("/graphql", json=WHO)
    named = client.post("/graphql", json=WHO, headers={"Authorization": f"Bearer {analyst}"})
    assert named.headers["x-govgraph-cache"] == "miss"
    assert named.json()["data"]["person"] == {"name": "Member 001", "pseudonymous": True}
    assert "Member 001" not in public.text


def test_an_answer_with_errors_is_not_kept(client: TestClient) -> None:
    missing = {"query": '{ person(id: "seodaemun-2021/nobody") { name } }'}
    answers = [client.post("/graphql", json=missing) for _ in range(2)]
    assert [a.headers["x-govgraph-cache"] for a in answers] == ["miss", "miss"]
    assert answers[1].json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


def test_a_write_to_the_store_makes_older_answers_unreachable(tmp_path: Path,
                                                               settings: Settings) -> None:
    runner = open_store(tmp_path / "db")
    try:
        with TestClient(create_app(runner, settings)) as client:
            before = [client.post("/graphql", json=DATASETS) for _ in range(2)]
            ingest(runner, load_dataset(SEOUL))
            after = client.post("/graphql", json=DATASETS)
    finally:
        runner.close()
    assert before[1].headers["x-govgraph-cache"] == "hit"
    assert after.headers["x-govgraph-cache"] == "miss"
    assert after.json()["data"]["datasets"] == [{"id": "seoul-2017"}]


def test_the_cache_is_off_at_zero_bytes(seodaemun_store: LadybugRunner, tmp_path: Path) -> None:
    off = Settings(keys=tmp_path / "keys.sqlite3", response_cache_bytes=0)
    with TestClient(create_app(seodaemun_store, off)) as client:
        answers = [client.post("/graphql", json=DATASETS) for _ in range(2)]
    assert all("x-govgraph-cache" not in a.headers for a in answers)


def test_an_entry_is_charged_the_memory_it_keeps_not_its_body_length() -> None:
    """A 31-byte answer was counted 31 bytes while its entry kept ~5 KB alive: the 64 MB
    bound would have been reached near 12 GB."""
    import hashlib

    from api.cache import CachedResponse, entry_size

    body = b'{"data":{"__typename":"Query"}}'
    headers = [(b"content-type", b"application/json"), (b"content-length", b"31")]
    key = (hashlib.sha256(body).digest(), "public", hashlib.blake2b(b"v", digest_size=16).digest())
    charged = entry_size(key, CachedResponse(200, headers, body, "anonymous", 1))
    assert charged > 10 * len(body)
    large = CachedResponse(200, headers, b"x" * 1_000_000, "anonymous", 1)
    assert 1_000_000 < entry_size(key, large) < 1_010_000
