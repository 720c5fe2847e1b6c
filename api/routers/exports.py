"""Downloads: network answers as GraphML, GEXF or CSV; datasets as Popolo JSON."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from api.execute import centrality_of
from api.security.auth import require
from graph.analysis import export, network, paths
from graph.analysis.jobs import Analyses
from graph.analysis.lane import AggregationLane, Aggregations
from graph.filters import DateWindow
from graph.parties import changes_csv, composition_csv
from graph.privacy import Namer, Permission
from graph.repository import Repository
from graph.runner import Runner
from ingest.popolo import export_popolo
from schema.context import Access

router = APIRouter(prefix="/export", tags=["exports"])
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
MaxNodes = Annotated[int | None, Query(
    alias="maxNodes", ge=1, description="Keep at most this many nodes, those of highest degree "
                                        "(default: the server's node cap, "
                                        "GOVGRAPH_NETWORK_MAX_NODES). A cut file says so in its "
                                        "X-Network-* headers.")]
Part = Annotated[str, Query(pattern="^(edges|nodes)$", description="CSV only: `edges` or "
                                                                   "`nodes`.")]


def _runner(request: Request) -> Runner:
    runner: Runner = request.app.state.runner
    return runner


def _analyses(request: Request) -> Analyses:
    """The app's analysis pool (see ``graph.analysis.jobs``), in this caller's share."""
    from api.app import caller_of

    analyses: Analyses = request.app.state.analyses
    return analyses.for_request(caller_of(request))


def _aggregations(request: Request) -> Aggregations:
    """The app's lane of aggregations (see ``graph.analysis.lane``), in this caller's share."""
    from api.app import caller_of

    lane: AggregationLane = request.app.state.aggregations
    return lane.for_caller(caller_of(request))


def content_disposition(filename: str) -> str:
    """An RFC 6266 ``attachment`` header value for ``filename``, whatever it holds.

    ``filename`` is an ASCII fallback (letters, digits, ``.``, ``-``, ``_``; anything
    else becomes ``_``); ``filename*`` (RFC 8187) carries the name itself, percent-encoded
    UTF-8, when it differs. No quote, semicolon or line break of the name reaches the header.
    """
    fallback = _UNSAFE.sub("_", filename) or "download"
    value = f'attachment; filename="{fallback}"'
    if fallback != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value
def _namer(request: Request, permission: Permission = Permission.EXPORT) -> Namer:
    """The caller's namer; raises ForbiddenError unless the caller has ``permission``."""
    access: Access = request.state.access
    require(access.caller, permission)
    return access.namer


def cut_headers(answer: network.Network) -> dict[str, str]:
    """What the ``truncated``, ``cutRule`` and totals fields of a network answer say, as
    headers: every network file states whether (and how) it was cut."""
    headers = {"X-Network-Truncated": "true" if answer.truncated else "false",
               "X-Network-Nodes": str(len(answer.nodes)),
               "X-Network-Total-Nodes": str(answer.total_nodes),
               "X-Network-Total-Edges": str(answer.total_edges),
               "X-Network-Max-Nodes": str(answer.max_nodes)}
    if answer.cut_rule is not None:
        headers["X-Network-Cut-Rule"] = answer.cut_rule
    return headers


def _file(text: str, fmt: export.Format, name: str,
          answer: network.Network | None = None) -> Response:
    headers = {"Content-Disposition": content_disposition(f"{name}.{fmt.value}")}
    if answer is not None:
        headers |= cut_headers(answer)
        headers["Access-Control-Expose-Headers"] = ", ".join(cut_headers(answer))
    return Response(text, media_type=export.MEDIA_TYPES[fmt], headers=headers)


@router.get("/network.{fmt}", summary="The network(...) answer as a file")
async def network_file(
    request: Request, fmt: export.Format, dataset: str,
    projection: Annotated[network.Mode, Query(
        description="`two_mode` (people and bodies), `persons` or `bodies`, as GraphQL's "
                    "`Projection`.")] = network.Mode.TWO_MODE,
    as_of: Annotated[date | None, Query(alias="asOf")] = None,
    classifications: Annotated[list[str] | None, Query()] = None,
    max_nodes: MaxNodes = None, part: Part = "edges",
    mode: Annotated[network.Mode | None, Query(
        deprecated=True, description="The earlier name of `projection`; when given, it is "
                                     "used.")] = None,
) -> Response:
    namer = _namer(request)  # refused before any work
    mode = mode or projection
    answer = await _analyses(request).run(network.network_job(
        _runner(request), dataset, DateWindow.as_of(as_of), mode, tuple(classifications or ()),
        max_nodes, request.app.state.settings.network_max_nodes,
        centrality_of(request.app.state.settings).choice))
    answer = await run_in_threadpool(namer.network, answer)
    return _file(export.render(answer, fmt, part), fmt, f"{dataset}-{mode.value}", answer)


@router.get("/ego.{fmt}", summary="The egoNetwork(...) answer as a file")
async def ego_file(
    request: Request, fmt: export.Format, id: str,
    depth: Annotated[int, Query(ge=1, le=paths.MAX_DEPTH)] = 1,
    as_of: Annotated[date | None, Query(alias="asOf")] = None,
    max_nodes: MaxNodes = None, part: Part = "edges",
) -> Response:
    namer = _namer(request)  # refused before any work
    answer = await _analyses(request).run(paths.ego_job(
        _runner(request), id, depth, DateWindow.as_of(as_of), max_nodes,
        request.app.state.settings.network_max_nodes))
    answer = await run_in_threadpool(namer.network, answer)
    return _file(export.render(answer, fmt, part), fmt, f"ego-{id.replace('/', '-')}", answer)


@router.get("/popolo/{dataset}.json", summary="People, organisations and memberships as Popolo")
async def popolo(request: Request, dataset: str) -> JSONResponse:
    namer = _namer(request, Permission.EXPORT_DATASET)
    document: dict[str, Any] = await _aggregations(request).run(
        export_popolo, _runner(request), dataset)
    document = namer.popolo(dataset, document)
    return JSONResponse(document, headers={
        "Content-Disposition": content_disposition(f"{dataset}.popolo.json")})


@router.get("/parties.csv", summary="A body's members on a day by party (partyComposition)")
async def parties_file(
    request: Request, body: str, as_of: Annotated[date, Query(alias="asOf")],
) -> Response:
    _namer(request)  # refused before any work
    text = await _aggregations(request).run(composition_csv, Repository(_runner(request)),
                                            body, as_of)
    return Response(text, media_type="text/csv", headers={
        "Content-Disposition": content_disposition(f"parties-{body.replace('/', '-')}-"
                                                   f"{as_of}.csv")})


@router.get("/party-changes.csv", summary="Members who changed party (partyChanges)")
async def party_changes_file(
    request: Request, body: Annotated[list[str], Query()],
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: Annotated[date | None, Query()] = None,
) -> Response:
    namer = _namer(request)
    text = await _aggregations(request).run(changes_csv, Repository(_runner(request)), namer,
                                            body, DateWindow.between(from_, to))
    return Response(text, media_type="text/csv", headers={
        "Content-Disposition": content_disposition("party-changes.csv")})
