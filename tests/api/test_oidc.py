"""A slow or hanging OpenID Connect issuer cannot stall requests; JWT claims are checked strictly.

The issuer is a small HTTP server on loopback that can answer, hang, or publish
new keys; it counts how often its keys are fetched.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from api.security.auth import AuthenticationError, JwksCache, OidcVerifier
from graph.privacy import Role

ISSUER = "https://id.example.test/realms/govgraph"
AUDIENCE = "govgraph-api"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Issuer:
    """Publishes ``keys`` at ``url``; ``hang`` makes it accept and never answer."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.hang = threading.Event()
        self.release = threading.Event()
        self.fetches = 0
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                issuer.fetches += 1
                if issuer.hang.is_set():
                    issuer.release.wait(60)
                    return
                body = json.dumps({"keys": [
                    {**json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(k.public_key())),
                     "kid": kid, "use": "sig", "alg": "RS256"}
                    for kid, k in issuer.keys.items()]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/certs"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def issuer() -> Iterator[Issuer]:
    running = Issuer()
    running.keys["k1"] = new_key()
    yield running
    running.close()


def token(key: rsa.RSAPrivateKey, kid: str = "k1", **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-17", "iat": now, "exp": now + 300,
            "govgraph_role": "analyst", **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None}, key,
                      algorithm="RS256", headers={"kid": kid})


def verifier(cache: JwksCache) -> OidcVerifier:
    return OidcVerifier(ISSUER, AUDIENCE, cache.url, "govgraph_role", cache)


def wait_for_fetch(cache: JwksCache, count: int) -> None:
    deadline = time.monotonic() + 10
    while cache.fetches < count and time.monotonic() < deadline:
        time.sleep(0.01)


def test_keys_are_fetched_once_and_kept(issuer: Issuer) -> None:
    cache = JwksCache(issuer.url, timeout=2, refresh=300, retry=30)
    check = verifier(cache)
    for _ in range(20):
        assert check.verify(token(issuer.keys["k1"])).role is Role.ANALYST
    assert issuer.fetches == 1


def test_a_hanging_issuer_is_waited_for_once_per_interval(issuer: Issuer) -> None:
    issuer.hang.set()
    cache = JwksCache(issuer.url, timeout=0.5, refresh=300, retry=30)
    check = verifier(cache)
    forged = token(new_key(), kid="unknown")

    def attempt(_: int) -> float:
        started = time.monotonic()
        with pytest.raises(AuthenticationError, match="does not publish"):
            check.verify(forged)
        return time.monotonic() - started

    with ThreadPoolExecutor(16) as pool:
        waits = list(pool.map(attempt, range(64)))
    # one fetch (the first, still hanging) was made for all 64 requests
    assert issuer.fetches == 1
    # after its deadline nobody waits on the network any more
    started = time.monotonic()
    for _ in range(50):
        attempt(0)
    assert time.monotonic() - started < 0.5 * cache.timeout * 50 / 10
    assert max(waits) < 5 * cache.timeout


def test_a_rotated_key_is_fetched_when_a_token_names_it(issuer: Issuer) -> None:
    cache = JwksCache(issuer.url, timeout=2, refresh=300, retry=0)
    check = verifier(cache)
    assert check.verify(token(issuer.keys["k1"])).role is Role.ANALYST
    issuer.keys["k2"] = new_key()
    assert check.verify(token(issuer.keys["k2"], kid="k2")).role is Role.ANALYST
    assert issuer.fetches == 2


def test_unknown_keys_cause_no_fetch_within_the_retry_interval(issuer: Issuer) -> None:
    cache = JwksCache(issuer.url, timeout=2, refresh=300, retry=30)
    check = verifier(cache)
    wait_for_fetch(cache, 1)
    for _ in range(20):
        with pytest.raises(AuthenticationError):
            check.verify(token(new_key(), kid="forged"))
    assert issuer.fetches == 1


def test_stale_keys_are_renewed_in_the_background_and_still_used_meanwhile(
    issuer: Issuer,
) -> None:
    cache = JwksCache(issuer.url, timeout=0.5, refresh=0.2, retry=30)
    check = verifier(cache)
    wait_for_fetch(cache, 1)
    issuer.hang.set()
    time.sleep(0.3)
    started = time.monotonic()
    assert check.verify(token(issuer.keys["k1"])).role is Role.ANALYST  # stale but kept
    assert time.monotonic() - started < cache.timeout
    wait_for_fetch(cache, 2)  # the background fetch gave up; the keys stay
    assert check.verify(token(issuer.keys["k1"])).role is Role.ANALYST


@pytest.mark.parametrize("claims", [
    {"exp": str(int(time.time()) + 300)}, {"exp": True}, {"iat": "yesterday"},
    {"sub": ""}, {"sub": "   "}, {"sub": 17}, {"sub": None}, {"aud": None}, {"exp": None},
    {"iss": None},
], ids=["exp-string", "exp-bool", "iat-string", "sub-empty", "sub-blank", "sub-number",
        "sub-missing", "aud-missing", "exp-missing", "iss-missing"])
def test_claims_of_the_wrong_type_or_missing_are_refused(issuer: Issuer,
                                                         claims: dict[str, Any]) -> None:
    check = verifier(JwksCache(issuer.url, timeout=2))
    with pytest.raises(AuthenticationError):
        check.verify(token(issuer.keys["k1"], **claims))


def test_a_token_without_a_key_id_is_refused(issuer: Issuer) -> None:
    check = verifier(JwksCache(issuer.url, timeout=2))
    unnamed = jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x",
                          "exp": int(time.time()) + 60}, issuer.keys["k1"], algorithm="RS256")
    with pytest.raises(AuthenticationError, match="kid"):
        check.verify(unnamed)
