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
from typing import Any

import jwt

from api.security.keys import PREFIX, KeyStore
from graph.errors import GovgraphError
from graph.privacy import Caller, Permission, Role, role_of

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
    """Checks bearer JWTs against an issuer's published keys (JWKS)."""

    def __init__(self, issuer: str, audience: str, jwks_url: str, role_claim: str) -> None:
        self.issuer = issuer
        self.audience = audience
        self.role_claim = role_claim
        self.keys = jwt.PyJWKClient(jwks_url, cache_keys=True, lifespan=300)

    def verify(self, token: str) -> Caller:
        try:
            key = self.keys.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token, key.key, algorithms=ALGORITHMS, issuer=self.issuer,
                audience=self.audience or None,
                options={"require": ["exp", "iss", "sub"], "verify_aud": bool(self.audience)})
        except (jwt.PyJWTError, ValueError) as exc:
            raise AuthenticationError("the bearer token is not valid") from exc
        subject = hashlib.sha256(str(claims["sub"]).encode()).hexdigest()[:12]
        return Caller(role_of(claims.get(self.role_claim)), f"jwt:{subject}")


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
