"""Live updates: a subscriber over WebSocket (graphql-transport-ws) sees a change within a
second of its commit, named as its tier may see it.

The server is the real ``govgraph serve`` (uvicorn) on a free loopback port; the edit is a
mutation over HTTP with an editor's key.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
import websockets

from api.app import create_app
from api.security.keys import KeyStore
from benchmarks.server import build_store, free_port, serving
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role

SUBSCRIBE = """subscription($dataset: String) { changes(dataset: $dataset) {
  id dataset recordId action changes { field old new } reason } }"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(base URL, an editor's token, the id of a person who is not a public figure)."""
    store = tmp_path_factory.mktemp("live") / "db"
    build_store(store)
    runner = LadybugRunner(store, read_only=True)
    someone = runner.read("private_people", {})[0]["id"]
    runner.close()
    _, token = KeyStore(store.parent / "keys.sqlite3").create("live tests", Role.EDITOR)
    with serving(store) as url:
        yield url, token, someone


async def _subscribe(url: str, dataset: str, auth: str | None) -> Any:
    socket = await websockets.connect(url.replace("http", "ws") + "/graphql",
                                      subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
    payload = {"authorization": f"Bearer {auth}"} if auth else {}
    await socket.send(json.dumps({"type": "connection_init", "payload": payload}))
    assert json.loads(await socket.recv())["type"] == "connection_ack"
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {
        "query": SUBSCRIBE, "variables": {"dataset": dataset}}}))
    return socket


def _edit(url: str, token: str, person: str) -> tuple[dict[str, Any], float]:
    headers = {"Authorization": f"Bearer {token}"}
    record = httpx.post(f"{url}/graphql", headers=headers, json={
        "query": "query($id: ID!) { editableRecord(id: $id) { version values { field value } } }",
        "variables": {"id": person}}).json()["data"]["editableRecord"]
    name = next(v["value"] for v in record["values"] if v["field"] == "name")
    answer = httpx.post(f"{url}/graphql", headers=headers, json={
        "query": """mutation($id: ID!, $v: String!, $name: String!) { correctPerson(id: $id,
          version: $v, set: [{field: "name", value: $name}], source: "letter",
          reason: "spelling") { id } }""",
        "variables": {"id": person, "v": record["version"], "name": name + "."}}).json()
    committed = time.monotonic()
    assert "errors" not in answer, answer
    return {"id": answer["data"]["correctPerson"]["id"], "name": name}, committed


async def _next(socket: Any) -> dict[str, Any]:
    message = json.loads(await asyncio.wait_for(socket.recv(), timeout=5))
    assert message["type"] == "next" and not message["payload"].get("errors"), message
    data: dict[str, Any] = message["payload"]["data"]["changes"]
    return data


def test_subscribers_see_a_change_within_a_second_named_as_their_tier_allows(
        server: tuple[str, str, str]) -> None:
    url, token, person = server
    dataset = person.split("/")[0]

    async def scenario() -> None:
        public = await _subscribe(url, dataset, None)
        editor = await _subscribe(url, dataset, token)
        other = await _subscribe(url, "no-such-dataset", None)
        await asyncio.sleep(0.2)  # the subscriptions are registered
        made, committed = await asyncio.to_thread(_edit, url, token, person)
        seen_public = await _next(public)
        seen_editor = await _next(editor)
        delay = time.monotonic() - committed
        assert delay < 1.0, f"the change reached subscribers after {delay:.2f} s"
        assert seen_public["id"] == seen_editor["id"] == made["id"]
        assert seen_editor["changes"] == [{"field": "name", "old": made["name"],
                                           "new": made["name"] + "."}]
        assert made["name"] not in json.dumps(seen_public, ensure_ascii=False)
        assert seen_public["changes"][0]["new"].startswith("Person ")
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(other.recv(), timeout=0.5)
        for socket in (public, editor, other):
            await socket.close()

    asyncio.run(scenario())


def test_a_websocket_with_a_bad_key_is_refused(server: tuple[str, str, str]) -> None:
    url, _, _ = server

    async def scenario() -> None:
        socket = await websockets.connect(
            url.replace("http", "ws") + "/graphql",
            subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
        await socket.send(json.dumps({"type": "connection_init",
                                      "payload": {"authorization": "Bearer ggk_nope_nope"}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(socket.recv(), timeout=5)
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403

    asyncio.run(scenario())


def test_subscriptions_beyond_the_limit_are_refused_with_overloaded(tmp_path: Path) -> None:
    store = tmp_path / "db"
    build_store(store)
    with serving(store, {"GOVGRAPH_MAX_SUBSCRIBERS": "1"}) as url:
        async def scenario() -> None:
            first = await _subscribe(url, "seodaemun-2021", None)
            await asyncio.sleep(0.2)
            second = await _subscribe(url, "seodaemun-2021", None)
            message = json.loads(await asyncio.wait_for(second.recv(), timeout=5))
            errors = (message["payload"] if message["type"] == "error"
                      else message["payload"]["errors"])
            assert [e["extensions"]["code"] for e in errors] == ["OVERLOADED"], message
            for socket in (first, second):
                await socket.close()

        asyncio.run(scenario())


def test_without_anonymous_access_a_websocket_must_authenticate(tmp_path: Path) -> None:
    store = tmp_path / "db"
    build_store(store)
    keys = store.parent / "keys.sqlite3"
    _, token = KeyStore(keys).create("live tests", Role.ANALYST)
    runner = LadybugRunner(store)
    app = create_app(runner, Settings(keys=keys, anonymous=False))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(),
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
            time.sleep(0.05)
        url = f"http://127.0.0.1:{server.config.port}"

        async def scenario() -> None:
            socket = await websockets.connect(
                url.replace("http", "ws") + "/graphql",
                subprotocols=[websockets.Subprotocol("graphql-transport-ws")])
            await socket.send(json.dumps({"type": "connection_init", "payload": {}}))
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(socket.recv(), timeout=5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4403
            allowed = await _subscribe(url, "seodaemun-2021", token)
            await allowed.close()

        asyncio.run(scenario())
    finally:
        server.should_exit = True
        thread.join(10)
        runner.close()
