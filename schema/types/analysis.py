"""Result types of the analyses: concentration, load, overlap, brokers, communities, time."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.analysis.load import DEFAULT_ROLE_WEIGHTS
from schema.context import Info
from schema.pagination import Connection
from schema.types.body import Body
from schema.types.centrality import CentralityMethod
from schema.types.common import build, load_one
from schema.types.membership import Membership
from schema.types.network import NetworkNode
from schema.types.organization import Organization
from schema.types.person import Person
from schema.types.project import Project


@strawberry.type(description="Seats held by the top `share` of people.")
class TopShare:
    share: float = strawberry.field(description="Fraction of people (0.1 = top 10 %).")
    people: int
    seats: int
    seat_share: float = strawberry.field(description="Fraction of all seats they hold.")


@strawberry.type(description="How unequally seats are spread over people.")
class Inequality:
    classification: str | None = strawberry.field(
        description="The body type, or null for all bodies.")
    people: int
    seats: int
    gini: float = strawberry.field(description="Gini coefficient of seats per person (0-1).")
    top_shares: list[TopShare]


@strawberry.type(description="Concentration of seats, overall and per body type.")
class SeatConcentration:
    overall: Inequality
    by_body_type: list[Inequality]


@strawberry.input(description="The weight of one role in the load score.")
class RoleWeightInput:
    role: str
    weight: float


ROLE_WEIGHTS_DOC = ", ".join(f"{role} {weight:g}" for role, weight in DEFAULT_ROLE_WEIGHTS.items())


@strawberry.type(description="A seat and the weight its role adds to the load score.")
class WeightedSeat:
    membership: Membership
    body_name: str
    weight: float


@strawberry.type(description="One person's load: weighted seats, and the reasons for a flag.")
class MemberLoad:
    score: float
    body_count: int
    leading: int = strawberry.field(description="Seats as chair, co-chair, vice-chair or leader.")
    flagged: bool
    reasons: list[str]
    seats: list[WeightedSeat]
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.person_id)


@strawberry.type(description="Two bodies sharing members.")
class BodyOverlap:
    shared: int
    jaccard: float = strawberry.field(description="Shared members / members of either.")
    a_id: strawberry.Private[str]
    b_id: strawberry.Private[str]

    @strawberry.field
    async def body_a(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.a_id)

    @strawberry.field
    async def body_b(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.b_id)


@strawberry.type(description="Two people sharing bodies.")
class PersonOverlap:
    shared: int
    jaccard: float = strawberry.field(description="Shared bodies / bodies of either.")
    a_id: strawberry.Private[str]
    b_id: strawberry.Private[str]

    @strawberry.field
    async def person_a(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.a_id)

    @strawberry.field
    async def person_b(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.b_id)


@strawberry.type(description="Shared members of every pair of bodies, as square matrices "
                             "(rows and columns in the order of `bodyIds`; diagonal: size).")
class OverlapMatrix:
    body_ids: list[strawberry.ID]
    shared: list[list[int]]
    jaccard: list[list[float]]

    @strawberry.field(description="The bodies of the rows and columns.")
    async def bodies(self, info: Info) -> list[Body]:
        found = await info.context.loaders.body.load_many(list(self.body_ids))
        return [build(Body, r) for r in found if r is not None]


@strawberry.type(description="Another body sharing members with the body asked about.")
class Interlock:
    shared: int
    body_id: strawberry.Private[str]
    people_ids: strawberry.Private[list[str]]

    @strawberry.field
    async def body(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.body_id)

    @strawberry.field(description="The shared members.")
    async def people(self, info: Info) -> list[Person]:
        found = await info.context.loaders.person.load_many(self.people_ids)
        return [build(Person, r) for r in found if r is not None]


@strawberry.type(description="Centrality of one node of a projection.")
class Centrality:
    node: NetworkNode
    degree: int
    weighted_degree: float
    betweenness: float = strawberry.field(
        description="Share of shortest paths between others through this node (0-1); exact "
                    "or estimated, as the list's `betweennessMethod` says.")
    eigenvector: float
    closeness: float = strawberry.field(
        description="How near the node is to those it reaches, scaled by how many (0-1, "
                    "Wasserman-Faust); exact or estimated, as `closenessMethod` says.")


@strawberry.type(description="Centralities of a projection's nodes, by betweenness, and how "
                             "they were computed.")
class CentralityConnection(Connection[Centrality]):
    betweenness_method: CentralityMethod
    closeness_method: CentralityMethod


@strawberry.type(description="A group of nodes that a cut would separate from the others.")
class NodeGroup:
    size: int
    nodes: list[NetworkNode] = strawberry.field(description="Up to 50 of its members.")


@strawberry.type(description="A node whose removal splits its connected group.")
class CutPoint:
    node: NetworkNode
    groups: list[NodeGroup]
    path: list[NetworkNode] = strawberry.field(
        description="A path through the cut point in the person-body network.")
    explanation: str


@strawberry.type(description="A tie whose removal splits its connected group.")
class Bridge:
    a: NetworkNode
    b: NetworkNode
    weight: float
    groups: list[NodeGroup]
    path: list[NetworkNode]
    explanation: str


@strawberry.type(description="One community.")
class Community:
    index: int
    size: int
    nodes: list[NetworkNode]


@strawberry.type(description="Louvain communities and their modularity.")
class CommunityResult:
    modularity: float
    communities: list[Community]


@strawberry.type(description="A seat whose role changed between the two dates.")
class RoleChange:
    before: Membership
    after: Membership


@strawberry.type(description="Seats joined, left and changed between two dates.")
class Churn:
    joined: list[Membership]
    left: list[Membership]
    role_changed: list[RoleChange]
    stayed: int = strawberry.field(description="Seats held at both dates in the same role.")


@strawberry.type(description="One position behind an actor's counts: an appearance, a seat or "
                             "an affiliation, with its sources.")
class ActorPosition:
    kind: str = strawberry.field(description="APPEARANCE, MEMBERSHIP or AFFILIATION.")
    id: strawberry.ID
    role: str | None
    date: date | None
    sources: list[str]
    context_id: strawberry.Private[str]

    @strawberry.field(description="The project or event, for an appearance.")
    async def project(self, info: Info) -> Project | None:
        return await load_one(info.context.loaders.project, Project,
                              self.context_id if self.kind == "APPEARANCE" else None)

    @strawberry.field(description="The body, for a seat.")
    async def body(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body,
                              self.context_id if self.kind == "MEMBERSHIP" else None)

    @strawberry.field(description="The organisation, for an affiliation.")
    async def organization(self, info: Info) -> Organization | None:
        return await load_one(info.context.loaders.organization, Organization,
                              self.context_id if self.kind == "AFFILIATION" else None)


@strawberry.type(description="An actor's positions across projects, bodies and organisations.")
class ActorConcentration:
    positions: int = strawberry.field(description="Distinct (context, role) pairs held.")
    roles: int = strawberry.field(description="Distinct roles.")
    events: int = strawberry.field(description="Distinct projects and events appeared at.")
    bodies: int
    organizations: int = strawberry.field(description="Distinct organisations affiliated with "
                                                      "or appeared for.")
    held: list[ActorPosition]
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.person_id)
