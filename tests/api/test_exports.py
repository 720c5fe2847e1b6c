"""Downloads through the HTTP app."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.routers.exports import content_disposition
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.filters import PeopleFilter
from graph.privacy import Role
from graph.repository import Repository
from graph.runner import Runner
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.ingest.conftest import TINY, write_dataset


@pytest.fixture(scope="module")
def client(contract_seodaemun: Runner) -> Iterator[TestClient]:
    with TestClient(create_app(contract_seodaemun)) as test_client:
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
    assert missing.json() == {"errors": [{"message": "no node 'seodaemun-2021/nobody'",
                                          "extensions": {"code": "NOT_FOUND"}}]}
    wrong_format = client.get("/export/network.pdf", params={"dataset": "x"})
    assert wrong_format.status_code == 400
    assert wrong_format.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


# ---- file names (RFC 6266) and argument checks


def filenames(header: str) -> dict[str, str]:
    """The ``filename`` and ``filename*`` parameters of a Content-Disposition value."""
    assert header.startswith("attachment; ")
    params = [p.strip() for p in header.removeprefix("attachment; ").split(";")]
    pairs = [p.split("=", 1) for p in params]
    assert all(len(p) == 2 for p in pairs), header
    return {key: value for key, value in pairs}


@pytest.mark.parametrize("name", [
    "plain.csv", "서울-2017-ego.csv", 'a"b.csv', "a;b=c.csv", "a\r\nSet-Cookie: x=1.csv",
    "a\\b.csv", "ñ.csv", "",
])
def test_a_file_name_cannot_break_the_header(name: str) -> None:
    header = content_disposition(name)
    assert header.isascii() and "\r" not in header and "\n" not in header
    params = filenames(header)
    assert set(params) <= {"filename", "filename*"}
    assert params["filename"].startswith('"') and params["filename"].count('"') == 2
    if "filename*" in params:
        assert unquote(params["filename*"].removeprefix("UTF-8''")) == name
    else:
        assert params["filename"] == f'"{name}"'


@pytest.fixture(scope="module")
def seoul_client(contract_seoul: Runner) -> Iterator[TestClient]:
    with TestClient(create_app(contract_seoul)) as test_client:
        yield test_client


def test_every_seoul_2017_person_has_an_ego_export(seoul_client: TestClient,
                                                   contract_seoul: Runner) -> None:
    people = [p.id for p in Repository(contract_seoul).people_page(
        PeopleFilter(dataset="seoul-2017"))]
    assert len(people) >= 150
    for person in people:
        response = seoul_client.get("/export/ego.csv", params={"id": person})
        assert response.status_code == 200, (person, response.text)
        params = filenames(response.headers["content-disposition"])
        expected = f"ego-{person.replace('/', '-')}.csv"
        assert unquote(params.get("filename*", params["filename"]).removeprefix("UTF-8''")
                       .strip('"')) == expected


def test_an_id_with_quotes_and_semicolons_stays_one_parameter(contract_store: Runner,
                                                              tmp_path: Path) -> None:
    tables = dict(TINY)
    tables["people.csv"] = tables["people.csv"].replace(
        "cy,Cy", '"cy""; filename=evil.exe",Cy')
    tables["memberships.csv"] = tables["memberships.csv"].replace(
        "m4,cy,", '"m4,x","cy""; filename=evil.exe",')
    ingest(contract_store, load_dataset(write_dataset(tmp_path / "riverton", tables)))
    with TestClient(create_app(contract_store)) as client:
        response = client.get("/export/ego.gexf",
                              params={"id": 'riverton/cy"; filename=evil.exe'})
    assert response.status_code == 200
    params = filenames(response.headers["content-disposition"])
    assert params["filename"] == '"ego-riverton-cy___filename_evil.exe.gexf"'
    assert unquote(params["filename*"].removeprefix("UTF-8''")) == (
        'ego-riverton-cy"; filename=evil.exe.gexf')


def test_a_line_break_in_an_id_is_a_clear_404(client: TestClient) -> None:
    response = client.get("/export/ego.csv",
                          params={"id": "seodaemun-2021/x\r\nSet-Cookie: a=b"})
    assert response.status_code == 404
    assert "set-cookie" not in response.headers
    assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("url", [
    "/export/network.csv?dataset=seodaemun-2O21",
    "/export/network.gexf?dataset=nope&mode=bodies",
    "/export/popolo/seodaemun-2O21.json",
    "/export/ego.graphml?id=nope/council",
])
def test_an_unknown_dataset_or_id_is_not_found(client: TestClient, url: str) -> None:
    _, token = KeyStore(Settings().keys).create("exports test", Role.ANALYST)
    response = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 404
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "NOT_FOUND" and error["message"].startswith("no ")


@pytest.mark.parametrize(("url", "parameter"), [
    ("/export/ego.csv?id=seodaemun-2021/council&depth=0", "depth"),
    ("/export/ego.csv?id=seodaemun-2021/council&depth=99", "depth"),
    ("/export/ego.csv?id=seodaemun-2021/council&maxNodes=0", "maxNodes"),
    ("/export/network.csv?dataset=seodaemun-2021&mode=everything", "mode"),
    ("/export/network.csv?dataset=seodaemun-2021&part=both", "part"),
    ("/export/network.csv?dataset=seodaemun-2021&asOf=2021-02-30", "asOf"),
])
def test_arguments_out_of_range_are_refused_with_their_name(client: TestClient, url: str,
                                                            parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert parameter in response.json()["errors"][0]["message"]


def test_max_nodes_above_the_network_cap_setting_is_a_bad_request(client: TestClient) -> None:
    response = client.get("/export/network.csv",
                          params={"dataset": "seodaemun-2021", "maxNodes": 99999999999})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "maxNodes" in response.json()["errors"][0]["message"]


def test_an_id_that_is_not_global_is_a_bad_request(client: TestClient) -> None:
    response = client.get("/export/ego.csv", params={"id": "council"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@settings(max_examples=200, deadline=None, database=None)
@given(name=st.text())
def test_any_file_name_gives_a_safe_header(name: str) -> None:
    header = content_disposition(name)
    assert header.isascii() and not any(c in header for c in "\r\n\0")
    params = filenames(header)
    shown = params.get("filename*", params["filename"]).removeprefix("UTF-8''").strip('"')
    assert unquote(shown, errors="surrogatepass") == name or "filename*" not in params


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(local=st.text(max_size=30), dataset=st.sampled_from(["seodaemun-2021", "nope", ""]),
       fmt=st.sampled_from(["csv", "gexf", "graphml"]))
def test_any_ego_id_is_answered_without_a_server_error(client: TestClient, local: str,
                                                       dataset: str, fmt: str) -> None:
    response = client.get(f"/export/ego.{fmt}", params={"id": f"{dataset}/{local}"})
    assert response.status_code in (200, 400, 404, 422), response.text
    assert response.headers.get("content-disposition", "").isascii()


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\";\"y\")", "+1+2", "-2+3", "@SUM(A1)",
                                  "\tTab"])
def test_a_cell_that_a_spreadsheet_would_run_is_written_as_text(contract_store: Runner,
                                                                tmp_path: Path,
                                                                name: str) -> None:
    tables = dict(TINY)
    quoted = '"' + name.replace('"', '""') + '"'
    tables["bodies.csv"] = tables["bodies.csv"].replace("Riverton Board", quoted)
    ingest(contract_store, load_dataset(write_dataset(tmp_path / "riverton", tables)))
    with TestClient(create_app(contract_store)) as client:
        response = client.get("/export/network.csv", params={
            "dataset": "riverton", "projection": "bodies", "part": "nodes"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text)))
    labels = [row[2] for row in rows[1:]]
    assert "'" + name in labels  # OWASP: a leading apostrophe
    assert not any(label.startswith(("=", "+", "-", "@", "\t", "\r")) for label in labels)


def test_every_formula_start_gets_an_apostrophe_and_nothing_else_does() -> None:
    from graph.analysis.export import text_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert text_cell(f"{start}x") == f"'{start}x"
    for plain in ("x", "", " =x", "'=x", "seodaemun-2021/council"):
        assert text_cell(plain) == plain


def test_a_cut_export_says_so_in_its_headers(client: TestClient) -> None:
    cut = client.get("/export/network.csv", params={"dataset": "seodaemun-2021",
                                                    "maxNodes": 10, "part": "nodes"})
    assert cut.status_code == 200
    rows = cut.text.strip().splitlines()[1:]
    assert cut.headers["X-Network-Truncated"] == "true"
    assert cut.headers["X-Network-Cut-Rule"] == "highest_degree"
    assert int(cut.headers["X-Network-Nodes"]) == len(rows) == 10
    assert int(cut.headers["X-Network-Total-Nodes"]) > 10
    whole = client.get("/export/network.csv", params={"dataset": "seodaemun-2021",
                                                      "part": "nodes"})
    # no maxNodes: the server's node cap, which the bundled network fits
    assert whole.headers["X-Network-Truncated"] == "false"
    assert "X-Network-Cut-Rule" not in whole.headers
    assert whole.headers["X-Network-Max-Nodes"] == str(Settings().network_max_nodes)
    assert int(whole.headers["X-Network-Total-Nodes"]) == len(whole.text.strip().splitlines()) - 1
