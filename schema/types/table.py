"""Flat tables for bulk readers: one request, plain rows, no per-item resolvers."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.scalars import JSON

from graph.privacy import Namer
from graph.records import MembershipRow
from schema.pagination import PageInfo, decode_cursor, encode_cursor

MEMBERSHIP_COLUMNS = ["id", "role", "memberCategory", "startDate", "endDate", "personId",
                      "personName", "personPseudonymous", "bodyId", "bodyName"]
DEFAULT_ROWS = 1000
DEFAULT_MAX_TABLE_ROWS = 50_000


@strawberry.type(description="Memberships as one table: `columns` name the values of each "
                             "row of `rows` (dates as ISO strings; names as the caller may see "
                             "them), paged like a connection.")
class MembershipTable:
    columns: list[str]
    rows: JSON = strawberry.field(description="A list of rows, each a list of values in the "
                                              "order of `columns`.")
    page_info: PageInfo
    total: strawberry.Private[int]

    @strawberry.field(description="Number of memberships in the whole table.")
    def total_count(self) -> int:
        return self.total


def table_bounds(first: int | None, after: str | None, cap: int) -> tuple[int, int]:
    """``(skip, size)`` of a table page; ``first`` between 0 and ``cap``."""
    from graph.errors import InvalidArgumentError

    size = DEFAULT_ROWS if first is None else first
    if not 0 <= size <= cap:
        raise InvalidArgumentError(f"first must be between 0 and {cap}, got {size}")
    return (decode_cursor(after) + 1 if after else 0), size


def membership_table(rows: list[MembershipRow], skip: int, size: int, total: int,
                     namer: Namer) -> MembershipTable:
    """The page ``rows[:size]`` (one more row says that a page follows) for ``namer``'s caller."""
    page = rows[:size]
    values = [[r.id, r.role, r.member_category, _day(r.start_date), _day(r.end_date),
               r.person_id, namer.name(r.person_id, r.person_name, r.public_figure),
               bool(r.pseudonymous) or not namer.shows(r.public_figure), r.body_id, r.body_name]
              for r in page]
    return MembershipTable(
        columns=MEMBERSHIP_COLUMNS, rows=JSON(values), total=total,
        page_info=PageInfo(has_next_page=len(rows) > size, has_previous_page=skip > 0,
                           start_cursor=encode_cursor(skip) if page else None,
                           end_cursor=encode_cursor(skip + len(page) - 1) if page else None))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
