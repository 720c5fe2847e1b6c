"""Downloads: network answers as GraphML, GEXF or CSV; datasets as Popolo JSON."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from graph.analysis import export, network, paths
from graph.filters import DateWindow
from graph.runner import Runner
from ingest.popolo import export_popolo

router = APIRouter(prefix="/export", tags=["exports"])


def _runner(request: Request) -> Runner:
    runner: Runner = request.app.state.runner
    return runner


def _file(text: str, fmt: export.Format, name: str) -> Response:
    return Response(text, media_type=export.MEDIA_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'})


@router.get("/network.{fmt}", summary="The network(...) answer as a file")
async def network_file(
    request: Request, fmt: export.Format, dataset: str,
    mode: network.Mode = network.Mode.TWO_MODE, as_of: Annotated[date | None,
                                                                 Query(alias="asOf")] = None,
    classifications: Annotated[list[str] | None, Query()] = None,
    max_nodes: Annotated[int, Query(alias="maxNodes")] = 500,
    part: Annotated[str, Query(pattern="^(edges|nodes)$")] = "edges",
) -> Response:
    answer = await run_in_threadpool(network.network, _runner(request), dataset,
                                     DateWindow.as_of(as_of), mode,
                                     tuple(classifications or ()), max_nodes,
                                     request.app.state.settings.network_max_nodes)
    return _file(export.render(answer, fmt, part), fmt, f"{dataset}-{mode.value}")


@router.get("/ego.{fmt}", summary="The egoNetwork(...) answer as a file")
async def ego_file(
    request: Request, fmt: export.Format, id: str, depth: int = 1,
    as_of: Annotated[date | None, Query(alias="asOf")] = None,
    max_nodes: Annotated[int, Query(alias="maxNodes")] = 500,
    part: Annotated[str, Query(pattern="^(edges|nodes)$")] = "edges",
) -> Response:
    answer = await run_in_threadpool(paths.ego_answer, _runner(request), id, depth,
                                     DateWindow.as_of(as_of), max_nodes)
    return _file(export.render(answer, fmt, part), fmt, f"ego-{id.replace('/', '-')}")


@router.get("/popolo/{dataset}.json", summary="People, organisations and memberships as Popolo")
async def popolo(request: Request, dataset: str) -> JSONResponse:
    document: dict[str, Any] = await run_in_threadpool(export_popolo, _runner(request), dataset)
    return JSONResponse(document, headers={
        "Content-Disposition": f'attachment; filename="{dataset}.popolo.json"'})
