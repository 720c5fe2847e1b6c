"""Query fields of the analyses. Each resolver makes one call into ``graph.analysis``."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import date
from typing import Annotated

import strawberry

from graph.analysis import (
    actors,
    allowances,
    attendance,
    brokers,
    churn,
    communities,
    concentration,
    fast,
    load,
    network,
    overlap,
    paths,
)
from graph.analysis.projection import Projection
from graph.errors import InvalidArgumentError
from graph.filters import DateWindow, check_number
from graph.privacy import Namer
from schema.context import Info
from schema.pagination import Connection, connection, converted_connection
from schema.types import analysis as out
from schema.types.attendance import (
    Allowances,
    Attendance,
    RubricBandInput,
    allowances_of,
    attendance_of,
)
from schema.types.centrality import CentralityMethod
from schema.types.common import build
from schema.types.membership import Membership
from schema.types.network import (
    Network,
    NetworkMode,
    NetworkProjection,
    Path,
    network_of,
    node_of,
    path_of,
)


def _window(as_of: date | None) -> DateWindow:
    return DateWindow.as_of(as_of)


def _one_mode(projection: NetworkProjection) -> Projection:
    """The one-mode projection an analysis of people or bodies runs on.

    Raises
    ------
    InvalidArgumentError
        For ``TWO_MODE``: these analyses compare people with people or bodies with bodies.
    """
    if projection is NetworkProjection.PERSONS:
        return Projection.PERSONS
    if projection is NetworkProjection.BODIES:
        return Projection.BODIES
    raise InvalidArgumentError("this analysis runs on a one-mode network: projection must be "
                               "PERSONS or BODIES, got TWO_MODE")


def _groups(groups: list[brokers.Group], namer: Namer) -> list[out.NodeGroup]:
    return [out.NodeGroup(size=g.size, nodes=[node_of(n, namer) for n in g.members])
            for g in groups]


@strawberry.type
class AnalysisQuery:
    @strawberry.field(description="Actors ranked by distinct positions (roles at events, seats, "
                                  "affiliations) in a date range, with the positions behind "
                                  "each count and their sources.")
    async def actor_concentration(
        self, info: Info, dataset: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, first: int | None = None, after: str | None = None,
    ) -> Connection[out.ActorConcentration]:
        found = await info.context.aggregations.run(
            actors.actor_concentration, info.context.runner, dataset or "",
            DateWindow.between(from_, to))
        return converted_connection(found, first, after, lambda a: out.ActorConcentration(
            positions=a.positions, roles=a.roles, events=a.events, bodies=a.bodies,
            organizations=a.organizations, person_id=a.person_id,
            held=[out.ActorPosition(kind=p.kind, id=strawberry.ID(p.id), role=p.role,
                                    date=p.date, sources=list(p.sources),
                                    context_id=p.context_id) for p in a.held]))

    @strawberry.field(description="Gini coefficient and top-k % shares of seats per person, "
                                  "overall and per body type.")
    async def seat_concentration(
        self, info: Info, dataset: str | None = None, as_of: date | None = None,
        top_shares: list[float] | None = None,
    ) -> out.SeatConcentration:
        found = await info.context.aggregations.run(
            concentration.seat_concentration, info.context.runner, dataset or "",
            _window(as_of), tuple(top_shares or concentration.DEFAULT_TOP_SHARES))

        def inequality(x: concentration.Inequality) -> out.Inequality:
            return out.Inequality(classification=x.classification, people=x.people,
                                  seats=x.seats, gini=x.gini, top_shares=[
                                      out.TopShare(share=t.share, people=t.people, seats=t.seats,
                                                   seat_share=t.seat_share)
                                      for t in x.top_shares])

        return out.SeatConcentration(overall=inequality(found.overall),
                                     by_body_type=[inequality(x) for x in found.by_body_type])

    @strawberry.field(description="Load score per person, heaviest first: the sum of role "
                                  "weights over their bodies (defaults: "
                                  f"{out.ROLE_WEIGHTS_DOC}; other roles 1). Flagged at "
                                  "minScore or minBodies, with the reasons.")
    async def member_loads(
        self, info: Info, dataset: str | None = None, as_of: date | None = None,
        weights: list[out.RoleWeightInput] | None = None,
        min_score: float = load.DEFAULT_MIN_SCORE, min_bodies: int = load.DEFAULT_MIN_BODIES,
        only_flagged: bool = False, first: int | None = None, after: str | None = None,
    ) -> Connection[out.MemberLoad]:
        found = await info.context.aggregations.run(
            load.member_loads, info.context.runner, dataset or "", _window(as_of),
            {w.role: w.weight for w in weights or []}, min_score, min_bodies)
        # Only the page's items become GraphQL objects (in the event loop's thread).
        chosen = [x for x in found if x.flagged] if only_flagged else found
        return converted_connection(chosen, first, after, lambda x: out.MemberLoad(
            score=x.score, body_count=x.body_count, leading=x.leading, flagged=x.flagged,
            reasons=x.reasons, person_id=x.person_id,
            seats=[out.WeightedSeat(membership=build(Membership, w.seat),
                                    body_name=w.seat.body_name, weight=w.weight)
                   for w in x.seats]))

    @strawberry.field(description="Pairs of bodies sharing members, most shared first.")
    async def body_overlaps(
        self, info: Info, dataset: str | None = None, as_of: date | None = None,
        min_shared: int = 1, first: int | None = None, after: str | None = None,
    ) -> Connection[out.BodyOverlap]:
        found = await info.context.aggregations.run(
            overlap.body_overlaps, info.context.runner, dataset or "", _window(as_of),
            min_shared)
        return converted_connection(found, first, after, lambda x: out.BodyOverlap(
            shared=x.shared, jaccard=x.jaccard, a_id=x.a, b_id=x.b))

    @strawberry.field(description="Pairs of people sharing bodies, most shared first.")
    async def person_overlaps(
        self, info: Info, dataset: str | None = None, as_of: date | None = None,
        min_shared: int = 2, first: int | None = None, after: str | None = None,
    ) -> Connection[out.PersonOverlap]:
        found = await info.context.aggregations.run(
            overlap.person_overlaps, info.context.runner, dataset or "", _window(as_of),
            min_shared)
        return converted_connection(found, first, after, lambda x: out.PersonOverlap(
            shared=x.shared, jaccard=x.jaccard, a_id=x.a, b_id=x.b))

    @strawberry.field(description="Shared members of every pair of bodies, as matrices.")
    async def body_overlap_matrix(
        self, info: Info, dataset: str | None = None, as_of: date | None = None,
        classifications: list[str] | None = None,
    ) -> out.OverlapMatrix:
        found = await info.context.aggregations.run(
            overlap.body_overlap_matrix, info.context.runner, dataset or "", _window(as_of),
            tuple(classifications or ()))
        return out.OverlapMatrix(body_ids=[strawberry.ID(i) for i in found.ids],
                                 shared=found.shared, jaccard=found.jaccard)

    @strawberry.field(description="Bodies sharing members with one body, and who they are.")
    async def interlocks(
        self, info: Info, body: strawberry.ID, as_of: date | None = None
    ) -> list[out.Interlock]:
        found = await info.context.aggregations.run(
            lambda: overlap.interlocks(info.context.runner,
                                       info.context.repository.global_id(body), _window(as_of)))
        return [out.Interlock(shared=len(x.people), body_id=x.body_id, people_ids=x.people)
                for x in found]

    @strawberry.field(description="Degree, betweenness, eigenvector and closeness centrality "
                                  "on the person or body projection, by betweenness. Exact up "
                                  "to a size (GOVGRAPH_CENTRALITY_EXACT_MAX_NODES nodes), "
                                  "estimated above it (betweenness from sampled shortest "
                                  "paths, closeness from seeded pivots); `pivots` estimates "
                                  "both from that many pivots (at least as many as nodes: "
                                  "exact).")
    async def brokers(
        self, info: Info, projection: NetworkProjection, dataset: str | None = None,
        as_of: date | None = None, first: int | None = None, after: str | None = None,
        pivots: Annotated[int | None, strawberry.argument(
            description="Estimate betweenness and closeness from shortest paths from this "
                        "many nodes (2 to GOVGRAPH_CENTRALITY_MAX_PIVOTS); default: exact on "
                        "small graphs, GOVGRAPH_CENTRALITY_PIVOTS on large ones.")] = None,
        seed: Annotated[int, strawberry.argument(
            description="Seed of the pivots' or paths' draw.")] = fast.DEFAULT_SEED,
    ) -> out.CentralityConnection:
        defaults = info.context.centrality
        if pivots is not None:
            check_number("pivots", pivots, 2, defaults.max_pivots)
        choice = dataclasses.replace(defaults.choice, pivots=pivots, seed=seed)
        found = await info.context.analyses.run(brokers.ranking_job(
            info.context.runner, dataset or "", _window(as_of), _one_mode(projection),
            choice))
        namer = await info.context.namer()
        page = connection([out.Centrality(node=node_of(c.node, namer), degree=c.degree,
                                          weighted_degree=c.weighted_degree,
                                          betweenness=c.betweenness, eigenvector=c.eigenvector,
                                          closeness=c.closeness)
                           for c in found.nodes], first, after)
        return out.CentralityConnection(
            items=page.items, start=page.start, page_info=page.page_info, total=page.total,
            betweenness_method=CentralityMethod.of(found.betweenness),
            closeness_method=CentralityMethod.of(found.closeness))

    @strawberry.field(description="Nodes whose removal splits their connected group, with the "
                                  "groups separated and a path through each.")
    async def cut_points(
        self, info: Info, projection: NetworkProjection, dataset: str | None = None,
        as_of: date | None = None,
    ) -> list[out.CutPoint]:
        found = await info.context.analyses.run(brokers.cut_points_job(
            info.context.runner, dataset or "", _window(as_of), _one_mode(projection)))
        namer = await info.context.namer()
        return [out.CutPoint(node=node_of(c.node, namer),
                             groups=_groups(c.separation.groups, namer),
                             path=[node_of(n, namer) for n in c.separation.path],
                             explanation=c.separation.explain(namer.view_label))
                for c in found]

    @strawberry.field(description="Ties whose removal splits their connected group.")
    async def bridges(
        self, info: Info, projection: NetworkProjection, dataset: str | None = None,
        as_of: date | None = None,
    ) -> list[out.Bridge]:
        found = await info.context.analyses.run(brokers.bridges_job(
            info.context.runner, dataset or "", _window(as_of), _one_mode(projection)))
        namer = await info.context.namer()
        return [out.Bridge(a=node_of(x.a, namer), b=node_of(x.b, namer), weight=x.weight,
                           groups=_groups(x.separation.groups, namer),
                           path=[node_of(n, namer) for n in x.separation.path],
                           explanation=x.separation.explain(namer.view_label)) for x in found]

    @strawberry.field(description="Louvain communities of the person or body projection.")
    async def communities(
        self, info: Info, projection: NetworkProjection, dataset: str | None = None,
        as_of: date | None = None, resolution: float = 1.0,
        seed: int = communities.DEFAULT_SEED,
    ) -> out.CommunityResult:
        found = await info.context.analyses.run(communities.communities_job(
            info.context.runner, dataset or "", _window(as_of), _one_mode(projection),
            resolution, seed))
        namer = await info.context.namer()
        return out.CommunityResult(modularity=found.modularity, communities=[
            out.Community(index=i, size=len(g), nodes=[node_of(n, namer) for n in g])
            for i, g in enumerate(found.groups)])

    @strawberry.field(description="A shortest path between two nodes of one dataset, through "
                                  "bodies, organisations and projects, with each tie's sources; "
                                  "null if they are not connected.")
    async def path(
        self, info: Info, from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID, as_of: date | None = None,
    ) -> Path | None:
        repository = info.context.repository
        found = await info.context.aggregations.run(
            lambda: paths.shortest_path(info.context.runner, repository.global_id(from_),
                                        repository.global_id(to), _window(as_of)))
        return None if found is None else path_of(found, await info.context.namer())

    @strawberry.field(description="Everything within `depth` ties of a node.")
    async def ego_network(
        self, info: Info, id: strawberry.ID, depth: int = 1, as_of: date | None = None,
        max_nodes: Annotated[int | None, strawberry.argument(
            description="Keep at most this many nodes (default: the server's node cap, "
                        "GOVGRAPH_NETWORK_MAX_NODES).")] = None,
    ) -> Network:
        center = await asyncio.to_thread(info.context.repository.global_id, id)
        found = await info.context.analyses.run(paths.ego_job(
            info.context.runner, center, depth, _window(as_of), max_nodes,
            info.context.network_cap))
        return network_of(found, await info.context.namer())

    @strawberry.field(description="The network for a dashboard: nodes with degree, betweenness "
                                  "and community; edges with kind and weight; capped at maxNodes.")
    async def network(
        self, info: Info, dataset: str,
        projection: NetworkProjection = NetworkProjection.TWO_MODE,
        as_of: date | None = None, classifications: list[str] | None = None,
        max_nodes: Annotated[int | None, strawberry.argument(
            description="Keep at most this many nodes, those of highest degree (default: the "
                        "server's node cap, GOVGRAPH_NETWORK_MAX_NODES).")] = None,
        mode: Annotated[NetworkMode | None, strawberry.argument(
            deprecation_reason="Use `projection` (the same values); when given, `mode` is "
                               "used.")] = None,
    ) -> Network:
        chosen = network.Mode((mode or projection).value)
        found = await info.context.analyses.run(network.network_job(
            info.context.runner, dataset, _window(as_of), chosen,
            tuple(classifications or ()), max_nodes, info.context.network_cap,
            info.context.centrality.choice))
        return network_of(found, await info.context.namer())

    @strawberry.field(description="Seats joined, left and changed role between two dates.")
    async def churn(
        self, info: Info, dataset: str,
        from_: Annotated[date, strawberry.argument(name="from")], to: date,
    ) -> out.Churn:
        found = await info.context.aggregations.run(churn.churn, info.context.runner, dataset,
                                                    from_, to)
        return out.Churn(
            joined=[build(Membership, s) for s in found.joined],
            left=[build(Membership, s) for s in found.left],
            role_changed=[out.RoleChange(before=build(Membership, c.before),
                                         after=build(Membership, c.after))
                          for c in found.role_changed],
            stayed=found.stayed)

    @strawberry.field(description="Attendance rates per meeting, member category, body and "
                                  "person, with rubric points (default: >= 80 % 2, 60-80 % 1.5, "
                                  "40-60 % 1, <= 40 % 0).")
    async def attendance(
        self, info: Info, dataset: str | None = None, bodies: list[strawberry.ID] | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, rubric: list[RubricBandInput] | None = None,
    ) -> Attendance:
        bands = (tuple(attendance.Band(b.minimum, b.points, b.inclusive) for b in rubric)
                 if rubric else attendance.DEFAULT_RUBRIC)
        found = await info.context.aggregations.run(
            attendance.attendance, info.context.runner, dataset or "", tuple(bodies or ()),
            DateWindow.between(from_, to), bands)
        return attendance_of(found)

    @strawberry.field(description="Meeting allowances owed per person, body and month, from "
                                  "attendance and the published rates.")
    async def allowances(
        self, info: Info, dataset: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None, exclude_categories: list[str] | None = None,
        assume_mode: str = "offline",
    ) -> Allowances:
        found = await info.context.aggregations.run(
            allowances.allowances, info.context.runner, dataset or "",
            DateWindow.between(from_, to), tuple(exclude_categories or ()), assume_mode)
        return allowances_of(found)
