"""Network-shaped answers: nodes, edges, paths, for dashboards and exports."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from graph.analysis import network as analysis
from graph.analysis.paths import Step
from graph.analysis.projection import NodeView
from graph.privacy import Namer
from schema.context import Info
from schema.types.centrality import CentralityMethod
from schema.types.common import load_one

if TYPE_CHECKING:
    from schema.types.body import Body
    from schema.types.person import Person


@strawberry.enum(name="Projection", description=(
    "Which network: TWO_MODE, people and bodies with a tie per seat; PERSONS, its one-mode "
    "projection on people (tied by the bodies they share); BODIES, its projection on "
    "bodies (tied by the members they share). Every field and export choosing a network "
    "takes it as `projection`."))
class NetworkProjection(Enum):
    TWO_MODE = "two_mode"
    PERSONS = "persons"
    BODIES = "bodies"


@strawberry.enum(description="The earlier name of `Projection`, taken only by the deprecated "
                             "`network(mode:)` argument.")
class NetworkMode(Enum):
    TWO_MODE = "two_mode"
    PERSONS = "persons"
    BODIES = "bodies"


@strawberry.type(description="A node of a network answer: a person, body, organisation or "
                             "project, with metrics where computed.")
class NetworkNode:
    id: strawberry.ID
    kind: str
    label: str
    classification: str | None
    degree: int | None = None
    betweenness: float | None = None
    community: int | None = strawberry.field(
        default=None, description="Louvain community index (0 = largest).")

    @strawberry.field(description="The person, if this node is one.")
    async def person(
        self, info: Info
    ) -> Annotated[Person, strawberry.lazy("schema.types.person")] | None:
        from schema.types.person import Person

        return await load_one(info.context.loaders.person, Person,
                              self.id if self.kind == "Person" else None)

    @strawberry.field(description="The body, if this node is one.")
    async def body(
        self, info: Info
    ) -> Annotated[Body, strawberry.lazy("schema.types.body")] | None:
        from schema.types.body import Body

        return await load_one(info.context.loaders.body, Body,
                              self.id if self.kind == "Body" else None)


@strawberry.type(description="A tie of a network answer.")
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    kind: str = strawberry.field(description="MEMBER_OF, CO_MEMBER, PART_OF, LED_BY, ...")
    weight: float = strawberry.field(description="Shared bodies or members in a projection.")


@strawberry.type(description="Nodes and edges, capped at maxNodes (highest degree kept); a "
                             "cut answer says so (truncated, cutRule, totals, maxNodes).")
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    total_nodes: int = strawberry.field(description="Nodes before the cap.")
    total_edges: int = strawberry.field(description="Edges before the cap.")
    truncated: bool = strawberry.field(description="Whether nodes were left out by the cap.")
    cut_rule: str | None = strawberry.field(
        description="How the answer was cut when truncated: `highest_degree` (the maxNodes "
                    "nodes of highest degree kept, ties by id); null when nothing was cut.")
    max_nodes: int = strawberry.field(description="The cap this answer was cut at.")
    node_cap: int = strawberry.field(
        description="The largest maxNodes this server allows (GOVGRAPH_NETWORK_MAX_NODES); "
                    "also the default of maxNodes.")
    metrics_scope: str = strawberry.field(
        description="whole: betweenness and communities of the whole network; shown: of the "
                    "nodes kept (networks above 5,000 nodes).")
    metrics_nodes: int = strawberry.field(
        description="How many nodes betweenness and communities were computed on.")
    betweenness_method: CentralityMethod = strawberry.field(
        description="How the nodes' betweenness was computed: exact up to "
                    "GOVGRAPH_CENTRALITY_EXACT_MAX_NODES measured nodes, estimated above.")


@strawberry.type(description="One tie of a path, with its sources.")
class PathStep:
    source: NetworkNode
    target: NetworkNode
    kind: str
    role: str | None = strawberry.field(description="The role, for a membership.")
    sources: list[str]


@strawberry.type(description="A shortest path between two nodes.")
class Path:
    length: int
    nodes: list[NetworkNode]
    steps: list[PathStep]


def network_of(answer: analysis.Network, namer: Namer) -> Network:
    """The GraphQL network of ``answer``, people labelled by ``namer``."""
    answer = namer.network(answer)
    return Network(
        nodes=[NetworkNode(id=strawberry.ID(n.id), kind=n.kind, label=n.label,
                           classification=n.classification, degree=n.degree,
                           betweenness=n.betweenness, community=n.community)
               for n in answer.nodes],
        edges=[NetworkEdge(source=strawberry.ID(e.source), target=strawberry.ID(e.target),
                           kind=e.kind, weight=e.weight) for e in answer.edges],
        total_nodes=answer.total_nodes, total_edges=answer.total_edges,
        truncated=answer.truncated, cut_rule=answer.cut_rule, max_nodes=answer.max_nodes,
        node_cap=answer.cap, metrics_scope=answer.metrics_scope,
        metrics_nodes=answer.metrics_nodes,
        betweenness_method=CentralityMethod.of(answer.betweenness_method),
    )


def node_of(view: NodeView, namer: Namer) -> NetworkNode:
    """The GraphQL node of ``view``, a person labelled by ``namer``."""
    return NetworkNode(id=strawberry.ID(view.id), kind=view.kind, label=namer.label(
        view.id, view.kind, view.label), classification=view.classification)


def path_of(steps: list[Step], namer: Namer) -> Path:
    order = [steps[0].source, *(s.target for s in steps)] if steps else []
    return Path(length=len(steps), nodes=[node_of(n, namer) for n in order], steps=[
        PathStep(source=node_of(s.source, namer), target=node_of(s.target, namer),
                 kind=s.kind, role=s.role, sources=s.sources) for s in steps])
