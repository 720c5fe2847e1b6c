"""Authentication through the HTTP app: API keys, bearer JWTs, anonymous access."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from api.security.keys import KeyStore
from govgraph.settings import Settings
from graph.backends.ladybug import LadybugRunner
from graph.privacy import Role

ISSUER = "https://id.example.test/realms/govgraph"
AUDIENCE = "govgraph-api"
# a generated resident of the roster: not a public figure, named "Member 001"
WHO = '{ person(id: "seodaemun-2021/m001") { name pseudonymous } }'


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return _key()


@pytest.fixture(scope="module")
def jwks_url(signing_key: rsa.RSAPrivateKey) -> Iterator[str]:
    """The issuer's published keys, served on 127.0.0.1 as an issuer would."""
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key()))
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]})

    class Keys(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/certs"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory, jwks_url: str) -> Settings:
    """API keys in a file of their own; JWTs from an issuer publishing its keys at jwks_url."""
    folder = tmp_path_factory.mktemp("auth")
    return Settings(keys=folder / "keys.sqlite3", pseudonym_secret=SecretStr("s"),
                    oidc_issuer=ISSUER, oidc_audience=AUDIENCE, oidc_jwks_url=jwks_url)


@pytest.fixture(scope="module")
def client(seodaemun_store: LadybugRunner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seodaemun_store, settings)) as test_client:
        yield test_client


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def ask(client: TestClient, headers: dict[str, str], document: str = WHO) -> Any:
    return client.post("/graphql", json={"query": document}, headers=headers)


def token(key: rsa.RSAPrivateKey, **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-17", "iat": now, "exp": now + 300,
            "govgraph_role": "analyst", **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key,
                      algorithm="RS256", headers={"kid": "k1"})


def test_anonymous_callers_are_the_public_tier(client: TestClient) -> None:
    person = ask(client, {}).json()["data"]["person"]
    assert person["pseudonymous"] is True and person["name"].startswith("Person ")


def test_an_api_key_gives_its_role(client: TestClient, settings: Settings) -> None:
    _, analyst = KeyStore(settings.keys).create("analyst", Role.ANALYST)
    person = ask(client, bearer(analyst)).json()["data"]["person"]
    assert person["name"].startswith("Member ")


def test_a_bad_key_is_401_unauthenticated(client: TestClient, settings: Settings) -> None:
    key, real = KeyStore(settings.keys).create("someone", Role.ADMIN)
    for wrong in (real[:-1] + ("A" if real[-1] != "A" else "B"), f"ggk_{key.id}_guess",
                  "ggk_nokey_x", "not-a-key-and-no-jwt"):
        response = ask(client, bearer(wrong))
        assert response.status_code == 401, wrong
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    outside = client.get("/export/popolo/seodaemun-2021.json", headers=bearer("ggk_x_y"))
    assert outside.status_code == 401
    assert outside.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert ask(client, {"Authorization": f"Basic {real}"}).status_code == 401


def test_a_revoked_key_is_refused_from_then_on(client: TestClient, settings: Settings) -> None:
    store = KeyStore(settings.keys)
    key, secret = store.create("leaving", Role.ANALYST)
    assert ask(client, bearer(secret)).status_code == 200
    assert store.revoke(key.id)
    response = ask(client, bearer(secret))
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]


def test_a_missing_permission_is_403_forbidden(client: TestClient, settings: Settings) -> None:
    _, public = KeyStore(settings.keys).create("kiosk", Role.PUBLIC)
    for headers in ({}, bearer(public)):
        response = client.get("/export/popolo/seodaemun-2021.json", headers=headers)
        assert response.status_code == 403
        assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"


def test_graphiql_is_served_with_and_without_a_key(client: TestClient,
                                                   settings: Settings) -> None:
    _, analyst = KeyStore(settings.keys).create("browser", Role.ANALYST)
    for headers in ({}, bearer(analyst)):
        page = client.get("/graphql", headers={"Accept": "text/html", **headers})
        assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_anonymous_access_can_be_turned_off(seodaemun_store: LadybugRunner,
                                            settings: Settings) -> None:
    closed = settings.model_copy(update={"anonymous": False})
    _, analyst = KeyStore(settings.keys).create("closed", Role.ANALYST)
    with TestClient(create_app(seodaemun_store, closed)) as shut:
        refused = ask(shut, {})
        assert refused.status_code == 401
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert ask(shut, bearer(analyst)).status_code == 200


def test_a_jwt_from_the_issuer_gives_its_role(client: TestClient,
                                              signing_key: rsa.RSAPrivateKey) -> None:
    person = ask(client, bearer(token(signing_key))).json()["data"]["person"]
    assert person["name"].startswith("Member ")
    public = ask(client, bearer(token(signing_key, govgraph_role=None))).json()
    assert public["data"]["person"]["name"].startswith("Person ")


@pytest.mark.parametrize("claims", [
    {"iss": "https://elsewhere.example.test"}, {"aud": "another-api"},
    {"exp": int(time.time()) - 60}, {"sub": None},
], ids=["issuer", "audience", "expired", "no-subject"])
def test_a_jwt_with_wrong_claims_is_refused(client: TestClient,
                                            signing_key: rsa.RSAPrivateKey,
                                            claims: dict[str, Any]) -> None:
    response = ask(client, bearer(token(signing_key, **claims)))
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_a_jwt_signed_by_another_key_is_refused(client: TestClient) -> None:
    assert ask(client, bearer(token(_key()))).status_code == 401


def test_failed_logins_are_audited_without_the_token(
    client: TestClient, caplog: pytest.LogCaptureFixture, tmp_path: Path,
) -> None:
    wrong = "ggk_abc_this-is-not-a-real-secret"
    with caplog.at_level(logging.INFO, logger="govgraph.audit"):
        ask(client, bearer(wrong))
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.audit"]
    assert len(lines) == 1 and lines[0].startswith("key=invalid role=- op=POST /graphql "
                                                   "status=401")
    assert "this-is-not-a-real-secret" not in lines[0]


def test_a_path_cannot_forge_fields_of_an_audit_line(
    client: TestClient, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="govgraph.audit"):
        client.get("/x key=abc role=admin op=mutation%0Akey=def")
        client.get("/%1b[31mred")
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.audit"]
    assert len(lines) == 2
    for line in lines:
        fields = [part.split("=", 1)[0] for part in line.split(" ") if "=" in part]
        assert fields == ["key", "role", "op", "status", "ms", "cost"], line
        assert line.isprintable() and "\x1b" not in line
    assert "key%3Dabc role%3Dadmin" in lines[0] and "key%3Ddef" in lines[0]
    assert "%1B[31mred" in lines[1]


def test_audit_fields_escape_line_breaks_controls_and_non_ascii() -> None:
    from api.security.audit import escape

    assert escape("GET /x\nkey=admin") == "GET /x%0Akey%3Dadmin"
    assert escape("\x1b[2J 100%") == "%1B[2J 100%25"
    assert escape("서") == "%EC%84%9C" and escape("query Lookup") == "query Lookup"


def test_a_request_the_app_fails_is_audited_as_a_500(
    seodaemun_store: LadybugRunner, settings: Settings, caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app(seodaemun_store, settings)

    @app.get("/fails")
    def fails() -> None:
        raise RuntimeError("a bug in a route")

    with TestClient(app, raise_server_exceptions=False) as failing, \
            caplog.at_level(logging.INFO, logger="govgraph.audit"):
        assert failing.get("/fails").status_code == 500
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.audit"]
    assert len(lines) == 1 and " op=GET /fails status=500 " in lines[0], lines
