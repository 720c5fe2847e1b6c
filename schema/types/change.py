"""Types of edits: the change log, an editable record, and the appointment check."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry
from strawberry.scalars import JSON

from graph import edits
from graph.analysis.load import MemberLoad as LoadRecord
from graph.privacy import Namer
from schema.context import Info
from schema.types.analysis import MemberLoad, WeightedSeat
from schema.types.body import Body
from schema.types.common import build, load_one
from schema.types.membership import Membership
from schema.types.person import Person

WITHHELD = "withheld: this caller may not see names of people who are not public figures"


@strawberry.type(description="One field an edit changed: its value before and after (JSON "
                             "values as the store holds them: dates as ISO text).")
class FieldChange:
    field: str
    old: JSON | None
    new: JSON | None


@strawberry.type(description="One entry of the append-only change log: who changed which "
                             "record when, what it was and became, on what source and why.")
class Change:
    id: strawberry.ID
    dataset: str
    sequence: int = strawberry.field(description="Order of the change within its dataset.")
    record_id: strawberry.ID
    record_kind: str = strawberry.field(description="Person, Body or MEMBER_OF (a membership).")
    action: str = strawberry.field(description="appoint, end_membership, change_role, "
                                               "correct_person, correct_body, add_body, revert")
    editor: str = strawberry.field(description="The API key (or token subject) that edited.")
    editor_role: str
    at: str = strawberry.field(description="When, as an ISO 8601 UTC timestamp.")
    changes: list[FieldChange]
    reason: str | None
    sources: list[str]
    version: str = strawberry.field(description="The record's version after this change "
                                                "(empty when it removed the record).")
    base_version: str = strawberry.field(description="The version the edit was made against.")
    reverts: strawberry.ID | None = strawberry.field(description="The change this one undoes.")
    status: str = strawberry.field(description="applied, or conflict: a newer dataset file "
                                               "changed the same fields and its values stand.")

    @classmethod
    def of(cls, change: edits.Change, namer: Namer) -> Change:
        """The change as ``namer``'s caller may see it: a person who is not a public figure
        is named by pseudonym and their other personal fields are withheld; the reason and
        the sources of any change concerning them (their record or one of their seats),
        which may name them, are withheld too."""
        masked = bool(change.person_id) and change.person_id in namer.private()
        own = masked and change.record_kind == edits.PERSON

        def shown(name: str, value: Any) -> Any:
            if not own or name not in edits.PRIVATE_FIELDS:
                return value
            return namer.pseudonym(change.record_id) if name == "name" and value else None

        return cls(
            id=strawberry.ID(change.id), dataset=change.dataset, sequence=change.sequence,
            record_id=strawberry.ID(change.record_id), record_kind=change.record_kind,
            action=change.action, editor=change.editor, editor_role=change.editor_role,
            at=change.at,
            changes=[FieldChange(field=f, old=shown(f, change.old.get(f)),
                                 new=shown(f, change.new.get(f))) for f in change.fields],
            reason=WITHHELD if masked else change.reason,
            sources=[] if masked else change.sources, version=change.version,
            base_version=change.base_version,
            reverts=strawberry.ID(change.reverts) if change.reverts else None,
            status=change.status)


@strawberry.type(description="A field of a record and its value (JSON).")
class FieldValue:
    field: str
    value: JSON | None


@strawberry.type(description="A person, body or membership as an editor edits it: every "
                             "stored value and the version an edit must name.")
class EditableRecord:
    id: strawberry.ID
    kind: str
    dataset: str
    version: str
    values: list[FieldValue]

    @classmethod
    def of(cls, found: edits.Record, namer: Namer) -> EditableRecord:
        masked = found.kind == edits.PERSON and found.id in namer.private()
        values = []
        for name, value in found.values.items():
            if masked and name in edits.PRIVATE_FIELDS | {"sources", "popolo", "identifiers"}:
                value = namer.pseudonym(found.id) if name == "name" else None
            values.append(FieldValue(field=name, value=value))
        return cls(id=strawberry.ID(found.id), kind=found.kind, dataset=found.dataset,
                   version=found.version, values=values)


@strawberry.input(description="A field to set, with its value as a dataset file's cell "
                              "(text; lists separated by ';', dates as YYYY-MM-DD, "
                              "true/false; null or empty to clear).")
class FieldValueInput:
    field: str
    value: str | None = None


@strawberry.type(description="A threshold of memberLoads the appointment would cross.")
class ThresholdCrossing:
    threshold: str = strawberry.field(description="minScore or minBodies.")
    limit: float
    before: float
    after: float


@strawberry.type(description="How many members the appointed body shares with another body "
                             "of the person, before and after the appointment.")
class BodyOverlapChange:
    body_id: strawberry.ID
    body_name: str
    shared_before: int
    shared_after: int
    jaccard_before: float
    jaccard_after: float

    @strawberry.field
    async def body(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.body_id)


@strawberry.type(description="What an appointment would do, computed without changing "
                             "anything: load before and after (as memberLoads weighs it), "
                             "thresholds crossed, overlapping seats in the same body, the "
                             "body's new overlap with the person's other bodies, and whether "
                             "the appointment would pass validation.")
class AppointmentCheck:
    person_id: strawberry.ID
    body_id: strawberry.ID
    role: str
    as_of: date = strawberry.field(description="The day the loads are counted on: the "
                                               "appointment's first day.")
    before: MemberLoad | None = strawberry.field(description="The load without the "
                                                             "appointment (null: no seats).")
    after: MemberLoad
    crossed: list[ThresholdCrossing]
    overlapping: list[Membership] = strawberry.field(
        description="The person's seats in the same body whose dates overlap the appointment.")
    overlaps: list[BodyOverlapChange]
    problems: list[str] = strawberry.field(
        description="Why an appointment with these values would be refused (file, row, "
                    "column: reason, as ingest says it); empty if it would be accepted.")

    @strawberry.field(description="Whether the appointment would pass validation.")
    def acceptable(self) -> bool:
        return not self.problems

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.person_id)

    @strawberry.field
    async def body(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.body_id)

    @classmethod
    def of(cls, check: edits.AppointmentCheck) -> AppointmentCheck:
        return cls(
            person_id=strawberry.ID(check.person_id), body_id=strawberry.ID(check.body_id),
            role=check.role, as_of=check.as_of,
            before=_load(check.before) if check.before else None, after=_load(check.after),
            crossed=[ThresholdCrossing(threshold=c.threshold, limit=c.limit, before=c.before,
                                       after=c.after) for c in check.crossed],
            overlapping=[build(Membership, seat) for seat in check.overlapping],
            overlaps=[BodyOverlapChange(body_id=strawberry.ID(o.body_id),
                                        body_name=o.body_name, shared_before=o.shared_before,
                                        shared_after=o.shared_after,
                                        jaccard_before=o.jaccard_before,
                                        jaccard_after=o.jaccard_after)
                      for o in check.overlaps],
            problems=check.problems)


def _load(found: LoadRecord) -> MemberLoad:
    return MemberLoad(score=found.score, body_count=found.body_count, leading=found.leading,
                      flagged=found.flagged, reasons=found.reasons, person_id=found.person_id,
                      seats=[WeightedSeat(membership=build(Membership, w.seat),
                                          body_name=w.seat.body_name, weight=w.weight)
                             for w in found.seats])
