"""Filter inputs shared by several fields."""

from __future__ import annotations

from datetime import date

import strawberry

from graph.filters import DateWindow, MembershipFilter


@strawberry.input(description="Which memberships to return.")
class MembershipFilterInput:
    roles: list[str] | None = strawberry.field(
        default=None, description="Only these roles (chair, co_chair, vice_chair, member, ...).")
    member_categories: list[str] | None = strawberry.field(
        default=None, description="Only these member categories (ex_officio, ...).")


def membership_filter(as_of: date | None, where: MembershipFilterInput | None) -> MembershipFilter:
    """The repository filter for a membership field's ``asOf`` and ``filter`` arguments."""
    return MembershipFilter(
        window=DateWindow.as_of(as_of),
        roles=tuple(where.roles or ()) if where else (),
        member_categories=tuple(where.member_categories or ()) if where else (),
    )
