"""The network export takes the one projection word; its earlier name still works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.backends.ladybug import LadybugRunner

URL = "/export/network.csv?dataset=seodaemun-2021&part=nodes&maxNodes=40"


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store)) as test_client:
        yield test_client


@pytest.mark.parametrize("value", ["two_mode", "persons", "bodies"])
def test_mode_answers_as_projection(client: TestClient, value: str) -> None:
    new = client.get(f"{URL}&projection={value}")
    old = client.get(f"{URL}&mode={value}")
    assert new.status_code == old.status_code == 200
    assert new.text == old.text
    assert new.headers["content-disposition"].endswith(f'seodaemun-2021-{value}.csv"')


def test_projections_differ_and_two_mode_is_the_default(client: TestClient) -> None:
    default = client.get(URL).text
    assert default == client.get(f"{URL}&projection=two_mode").text
    assert default != client.get(f"{URL}&projection=bodies").text


def test_an_unknown_projection_is_refused_naming_it(client: TestClient) -> None:
    response = client.get(f"{URL}&projection=everything")
    assert 400 <= response.status_code < 500
    assert "projection" in response.text
