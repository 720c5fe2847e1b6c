"""The guide at ``/guide``: the static site ``make docs`` builds into the package."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response
from starlette.types import Scope

GUIDE = Path(__file__).resolve().parent.parent / "guide"
"""Where ``make docs`` (``mkdocs build``) writes the guide."""

MISSING = """<!doctype html><meta charset="utf-8"><title>govgraph guide</title>
<h1>The guide is not built</h1>
<p>Its pages are missing from <code>{folder}</code>. Build them with
<code>make docs</code> (MkDocs, installed by <code>make install</code>); the same pages
are Markdown files under <code>docs/</code> in the source.</p>"""


class GuideFiles(StaticFiles):
    """The built guide's files; a 503 page saying how to build it when it is not built."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True, check_dir=False)
        self.folder = directory

    async def check_config(self) -> None:
        """Nothing to check: a missing folder is answered by :meth:`get_response`."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        if not (self.folder / "index.html").is_file():
            return HTMLResponse(MISSING.format(folder=self.folder), status_code=503)
        return await super().get_response(path, scope)


def mount(app: FastAPI, directory: Path | None = None) -> None:
    """Serve the guide built in ``directory`` (default :data:`GUIDE`) at ``/guide/``."""
    app.mount("/guide", GuideFiles(directory or GUIDE), name="guide")
