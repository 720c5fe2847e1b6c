"""The dashboard, GraphiQL and the OpenAPI docs, all from assets built into the package.

The front end (``dashboard/``, TypeScript bundled by Vite) is built into
``api/static``; ``make run``, ``make test`` and the Docker image build it. The
pages are clients of the public API: ``/graphql`` and ``/export``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from strawberry.fastapi import GraphQLRouter

from api.limits import response_too_large
from govgraph.settings import Settings
from graph.privacy import Permission

STATIC = Path(__file__).resolve().parent.parent / "static"
"""Where ``vite build`` writes the pages and their assets."""

MISSING = """<!doctype html><meta charset="utf-8"><title>govgraph</title>
<h1>The dashboard is not built</h1>
<p>Its assets ({page}) are missing from <code>{folder}</code>. Build them with
<code>make assets</code> (needs Node.js and npm), or use <code>make run</code>,
which builds them before serving.</p>"""

router = APIRouter(include_in_schema=False)


def page(name: str) -> Response:
    """The built page ``name`` (``index.html``, ``graphiql.html``, ``docs.html``).

    Without a build, a 503 page says how to make one.
    """
    path = STATIC / name
    if not path.is_file():
        return HTMLResponse(MISSING.format(page=name, folder=STATIC), status_code=503)
    return HTMLResponse(path.read_text(encoding="utf-8"),
                        headers={"Cache-Control": "no-cache"})


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse("/dashboard")


@router.get("/dashboard")
def dashboard() -> Response:
    return page("index.html")


@router.get("/dashboard/config")
def config(request: Request) -> JSONResponse:
    """What the dashboard needs to know of the server and the caller: the network node cap
    (``GOVGRAPH_NETWORK_MAX_NODES``), the caller's role and what it may do, so the page can
    say why a control is disabled and why a name search finds nothing."""
    caller = request.state.access.caller
    return JSONResponse({
        "networkMaxNodes": request.app.state.settings.network_max_nodes,
        "role": caller.role.value,
        "permissions": sorted(p.value for p in Permission if caller.can(p)),
    }, headers={"Cache-Control": "no-store"})


@router.get("/docs")
def docs() -> Response:
    return page("docs.html")


class LocalGraphiQLRouter(GraphQLRouter[Any, None]):
    """Strawberry's GraphQL router with GraphiQL served from the local build, not a CDN.

    A response larger than ``max_response_bytes`` is replaced by a
    ``RESPONSE_TOO_LARGE`` error (see :mod:`api.limits`).
    """

    def __init__(self, *args: Any, max_response_bytes: int = 10 * 1024 * 1024,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_response_bytes = max_response_bytes

    def encode_json(self, data: object) -> bytes:
        """The response body, encoded by orjson (several times faster than ``json.dumps``
        on large answers; the data is plain JSON values by now), or ``RESPONSE_TOO_LARGE``."""
        encoded = orjson.dumps(data)
        if len(encoded) > self.max_response_bytes:
            return orjson.dumps(response_too_large(self.max_response_bytes))
        return encoded

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        response = page("graphiql.html")
        return HTMLResponse(bytes(response.body), status_code=response.status_code,
                            headers={"Cache-Control": "no-cache"})


def cors_origins(settings: Settings) -> list[str]:
    """The configured origins, ``GOVGRAPH_CORS_ORIGINS`` split on commas."""
    return [origin.strip() for origin in settings.cors_origins.split(",") if origin.strip()]


def mount(app: FastAPI, settings: Settings) -> None:
    """Serve the pages and ``/static`` assets; allow the configured CORS origins (default none)."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    origins = cors_origins(settings)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "Content-Type"], max_age=600)
