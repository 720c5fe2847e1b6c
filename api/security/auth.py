"""Who is calling: an API key, a bearer JWT from an OpenID Connect issuer, or nobody.

``Authorization: Bearer ggk_...`` is an API key (:mod:`api.security.keys`);
any other bearer token is a JWT, accepted only when an issuer is configured
and only if it is signed by one of the issuer's published keys, unexpired,
issued by that issuer and (if configured) for that audience. No header is the
``public`` tier, unless anonymous access is turned off. Anything else is
refused with :class:`AuthenticationError` (HTTP 401, ``UNAUTHENTICATED``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
import time
import urllib.request
from typing import Any

import jwt

from api.security.keys import PREFIX, KeyStore
from graph.errors import GovgraphError
from graph.privacy import Caller, Permission, Role, role_of

log = logging.getLogger("govgraph.auth")

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"]


class AuthenticationError(GovgraphError):
    """Credentials were sent but are not valid (or none were sent where they are required)."""

    code = "UNAUTHENTICATED"


class ForbiddenError(GovgraphError):
    """The caller's role lacks a permission."""

    code = "FORBIDDEN"


def require(caller: Caller, permission: Permission) -> None:
    """Raise :class:`ForbiddenError` unless ``caller`` has ``permission``."""
    if not caller.can(permission):
        raise ForbiddenError(f"the {caller.role.value} role may not {permission.value}")


class OidcVerifier:
    """Checks bearer JWTs against an issuer's published keys (JWKS, see :class:`JwksCache`).

    Claims are checked strictly: ``exp`` (and ``iat``, ``nbf`` when present) are
    numbers, not strings; ``sub`` is a non-empty string; ``iss`` is the issuer and,
    when an audience is configured, ``aud`` names it.
    """

    def __init__(self, issuer: str, audience: str, jwks_url: str, role_claim: str,
                 keys: JwksCache | None = None) -> None:
        self.issuer = issuer
        self.audience = audience
        self.role_claim = role_claim
        self.keys = keys or JwksCache(jwks_url)

    def verify(self, token: str) -> Caller:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthenticationError("the bearer token is not valid") from exc
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthenticationError("the bearer token names no signing key (kid)")
        key = self.keys.key(kid)
        required = ["exp", "iss", "sub", *(["aud"] if self.audience else [])]
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=ALGORITHMS, issuer=self.issuer,
                audience=self.audience or None,
                options={"require": required, "verify_aud": bool(self.audience)})
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise AuthenticationError("the bearer token is not valid") from exc
        problem = claim_problem(claims)
        if problem:
            raise AuthenticationError(f"the bearer token is not valid: {problem}")
        subject = hashlib.sha256(claims["sub"].encode()).hexdigest()[:12]
        return Caller(role_of(claims.get(self.role_claim)), f"jwt:{subject}")


def claim_problem(claims: dict[str, Any]) -> str | None:
    """What is wrong with the types of a decoded token's registered claims, if anything."""
    for name in ("exp", "iat", "nbf"):
        value = claims.get(name)
        if name in claims and (isinstance(value, bool) or not isinstance(value, (int, float))):
            return f"the {name} claim must be a number of seconds"
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject.strip():
        return "the sub claim must be a non-empty string"
    if not isinstance(claims.get("iss"), str):
        return "the iss claim must be a string"
    return None


class JwksCache:
    """An issuer's signing keys, fetched with a deadline, kept, and refreshed in the background.

    - A key already known answers at once; when the keys are older than
      ``refresh`` seconds a background thread fetches them again (a failed
      fetch keeps the old keys).
    - A key not known (the issuer rotated its keys, or the token is forged)
      causes at most one fetch every ``retry`` seconds, waited for at most
      ``timeout`` seconds from its start (however slowly the issuer trickles its
      answer); requests naming an unknown key wait for that one fetch until its
      deadline, and are refused at once after it until ``retry`` has passed.
    - The first fetch starts in the background when the cache is made.
    """

    MAX_BYTES = 1024 * 1024

    def __init__(self, url: str, timeout: float = 5.0, refresh: float = 300.0,
                 retry: float = 30.0) -> None:
        self.url, self.timeout, self.refresh, self.retry = url, timeout, refresh, retry
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched = -math.inf  # monotonic time of the last successful fetch
        self._attempted = -math.inf  # ... of the last fetch started
        self._running: threading.Thread | None = None
        self._lock = threading.Lock()
        self.fetches = 0
        self._start()

    def key(self, kid: str) -> jwt.PyJWK:
        """The published key ``kid``, or :class:`AuthenticationError`."""
        with self._lock:
            key = self._keys.get(kid)
            if key is not None:
                if time.monotonic() - self._fetched >= self.refresh:
                    self._start_locked()
                return key
            now = time.monotonic()
            fetch = (self._start_locked() if self._running is None
                     and now - self._attempted >= self.retry else self._running)
            # Every request waits for the same fetch, and only until its deadline.
            remaining = self._attempted + self.timeout - now
        if fetch is not None and remaining > 0:
            fetch.join(remaining)
            with self._lock:
                key = self._keys.get(kid)
            if key is not None:
                return key
        raise AuthenticationError("the bearer token is signed by a key the issuer does not "
                                  "publish (or its keys could not be fetched; try again later)")

    def _start(self) -> None:
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> threading.Thread:
        if self._running is not None:
            return self._running
        self._attempted = time.monotonic()
        self._running = threading.Thread(target=self._fetch, name="govgraph-jwks", daemon=True)
        self._running.start()
        return self._running

    def _fetch(self) -> None:
        try:
            with urllib.request.urlopen(self.url, timeout=self.timeout) as answer:
                document = json.loads(answer.read(self.MAX_BYTES))
            keys = {k.key_id: k for k in jwt.PyJWKSet.from_dict(document).keys if k.key_id}
        except (OSError, ValueError, TypeError, jwt.PyJWTError) as exc:
            log.warning("the issuer's keys could not be fetched from %s: %s", self.url, exc)
            keys = None
        with self._lock:
            self.fetches += 1
            if keys is not None:
                self._keys, self._fetched = keys, time.monotonic()
            self._running = None


class Authenticator:
    """Turns an ``Authorization`` header into a :class:`Caller`."""

    def __init__(self, keys: KeyStore, anonymous: bool = True,
                 oidc: OidcVerifier | None = None) -> None:
        self.keys = keys
        self.anonymous = anonymous
        self.oidc = oidc

    def authenticate(self, header: str | None) -> Caller:
        if not header:
            if self.anonymous:
                return Caller(Role.PUBLIC)
            raise AuthenticationError("credentials are required: send Authorization: Bearer "
                                      "<API key or token>")
        scheme, _, token = header.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError("use Authorization: Bearer <API key or token>")
        if token.startswith(PREFIX):
            key = self.keys.verify(token)
            if key is None:
                raise AuthenticationError("the API key is not valid or was revoked")
            return Caller(key.role, key.id)
        if self.oidc is None:
            raise AuthenticationError("the API key is not valid or was revoked")
        return self.oidc.verify(token)
