"""What ``/docs`` shows: a summary for every route and how to authorise."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

GRAPHQL_SUMMARIES = {
    "GET": ("GraphiQL, or a GraphQL query in the URL",
            "Opened in a browser: GraphiQL. With `?query=` (and `variables`, "
            "`operationName`): runs a query (not a mutation) and answers JSON."),
    "POST": ("Run a GraphQL operation",
             'A JSON body `{"query": ..., "variables": {...}, "operationName": ...}`; the '
             'answer is `{"data": ..., "errors": [...]}` with a code in each error\'s '
             "`extensions`. The schema, with every field's description, is in GraphiQL and "
             "in the guide's GraphQL reference."),
}

BEARER = "bearer"
"""The name of the security scheme: an API key or an OpenID Connect JWT as a bearer token."""


def document(app: FastAPI) -> None:
    """Give the GraphQL routes summaries and the API its bearer security scheme.

    Every route accepts ``Authorization: Bearer <token>`` (an API key made with
    ``govgraph keys create``, or a JWT of the configured OpenID Connect issuer) and,
    unless ``GOVGRAPH_ANONYMOUS=false``, no credentials at the ``public`` tier.
    """
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version,
                               description=app.description, routes=app.routes)
            # strawberry names its operations after its handlers ("Handle Http Get")
            for method, operation in spec["paths"].get("/graphql", {}).items():
                if method.upper() in GRAPHQL_SUMMARIES:
                    operation["summary"], operation["description"] = (
                        GRAPHQL_SUMMARIES[method.upper()])
                    operation["tags"] = ["graphql"]
            spec.setdefault("components", {})["securitySchemes"] = {BEARER: {
                "type": "http", "scheme": "bearer",
                "description": "An API key (`ggk_...`, from `govgraph keys create`) or a JWT "
                               "of the configured OpenID Connect issuer. Without one, "
                               "callers are served at the `public` tier (unless "
                               "GOVGRAPH_ANONYMOUS=false)."}}
            spec["security"] = [{BEARER: []}, {}]  # a token, or none (the public tier)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
