"""Downloads through the HTTP app."""

from __future__ import annotations

import io
from collections.abc import Iterator

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store)) as test_client:
        yield test_client


def test_gexf_opens_as_a_graph(client: TestClient) -> None:
    response = client.get("/export/network.gexf",
                          params={"dataset": "seodaemun-2021", "mode": "bodies"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/gexf+xml")
    assert 'filename="seodaemun-2021-bodies.gexf"' in response.headers["content-disposition"]
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 35


def test_graphml_of_an_ego_network(client: TestClient) -> None:
    response = client.get("/export/ego.graphml", params={"id": "seodaemun-2021/seo-jeongsun"})
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() == 7


def test_csv_nodes_and_edges(client: TestClient) -> None:
    params = {"dataset": "seodaemun-2021", "mode": "persons", "asOf": "2021-03-01",
              "maxNodes": 10}
    edges = client.get("/export/network.csv", params=params).text.splitlines()
    nodes = client.get("/export/network.csv", params={**params, "part": "nodes"}).text
    assert edges[0] == "source,target,kind,weight"
    assert len(nodes.splitlines()) == 11


def test_popolo_download(client: TestClient) -> None:
    _, token = KeyStore(Settings().keys).create("exports test", Role.ANALYST)
    document = client.get("/export/popolo/seodaemun-2021.json",
                          headers={"Authorization": f"Bearer {token}"}).json()
    assert len(document["persons"]) == 281 and len(document["memberships"]) == 488


def test_bad_requests_are_clear(client: TestClient) -> None:
    missing = client.get("/export/ego.csv", params={"id": "seodaemun-2021/nobody"})
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "NOT_FOUND",
                                        "message": "no node 'seodaemun-2021/nobody'"}}
    assert client.get("/export/network.pdf", params={"dataset": "x"}).status_code == 422
