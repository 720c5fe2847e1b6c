"""Attendance rates and allowances owed."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.analysis import allowances as fees
from graph.analysis import attendance as rates
from schema.context import Info
from schema.types.body import Body
from schema.types.common import load_one
from schema.types.meeting import Meeting
from schema.types.person import Person


@strawberry.type(description="Attendees over seats, pooled over meetings, with rubric points.")
class AttendanceRate:
    seats: int
    present: int
    meetings: int
    rate: float | None = strawberry.field(description="present / seats (0-1).")
    points: float | None = strawberry.field(description="Points on the evaluation rubric.")


@strawberry.type
class MeetingAttendance:
    date: date
    number: int | None
    rate: AttendanceRate
    meeting_id: strawberry.Private[str]

    @strawberry.field
    async def meeting(self, info: Info) -> Meeting | None:
        return await load_one(info.context.loaders.meeting, Meeting, self.meeting_id)


@strawberry.type
class CategoryAttendance:
    member_category: str
    rate: AttendanceRate


@strawberry.type
class BodyAttendance:
    rate: AttendanceRate
    body_id: strawberry.Private[str]

    @strawberry.field
    async def body(self, info: Info) -> Body | None:
        return await load_one(info.context.loaders.body, Body, self.body_id)


@strawberry.type
class PersonAttendance:
    rate: AttendanceRate
    person_id: strawberry.Private[str]

    @strawberry.field
    async def person(self, info: Info) -> Person | None:
        return await load_one(info.context.loaders.person, Person, self.person_id)


@strawberry.type(description="Attendance overall, per meeting, member category, body, person.")
class Attendance:
    overall: AttendanceRate
    by_meeting: list[MeetingAttendance]
    by_category: list[CategoryAttendance]
    by_body: list[BodyAttendance]
    by_person: list[PersonAttendance] = strawberry.field(
        description="Only where the data records who attended.")


@strawberry.input(description="A band of an attendance rubric.")
class RubricBandInput:
    minimum: float = strawberry.field(description="Lowest rate of the band (0-1).")
    points: float
    inclusive: bool = True


@strawberry.type(description="Fees owed to a person, for a body, or in a month.")
class Owed:
    key: str = strawberry.field(description="Person id, body id or YYYY-MM.")
    attendances: int
    amount_krw: float


@strawberry.type(description="Meeting allowances owed.")
class Allowances:
    total_krw: float
    by_person: list[Owed]
    by_body: list[Owed]
    by_period: list[Owed]
    unpriced: int = strawberry.field(description="Attendances no published rate applies to.")
    notes: list[str]


def rate_of(rate: rates.Rate) -> AttendanceRate:
    return AttendanceRate(seats=rate.seats, present=rate.present, meetings=rate.meetings,
                          rate=rate.rate, points=rate.points)


def attendance_of(answer: rates.Attendance) -> Attendance:
    return Attendance(
        overall=rate_of(answer.overall),
        by_meeting=[MeetingAttendance(date=m.date, number=m.number, rate=rate_of(m.rate),
                                      meeting_id=m.meeting_id) for m in answer.by_meeting],
        by_category=[CategoryAttendance(member_category=c.key, rate=rate_of(c.rate))
                     for c in answer.by_category],
        by_body=[BodyAttendance(rate=rate_of(b.rate), body_id=b.key) for b in answer.by_body],
        by_person=[PersonAttendance(rate=rate_of(p.rate), person_id=p.key)
                   for p in answer.by_person],
    )


def allowances_of(answer: fees.Allowances) -> Allowances:
    def owed(rows: list[fees.Owed]) -> list[Owed]:
        return [Owed(key=o.key, attendances=o.attendances, amount_krw=o.amount_krw) for o in rows]

    return Allowances(total_krw=answer.total_krw, by_person=owed(answer.by_person),
                      by_body=owed(answer.by_body), by_period=owed(answer.by_period),
                      unpriced=answer.unpriced, notes=answer.notes)
