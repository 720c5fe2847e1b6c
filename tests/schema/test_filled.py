"""Seats and people made without their dataclass ``__init__`` are the same objects."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.records import MembershipRecord, PersonRecord
from schema.types.common import filled
from schema.types.membership import Membership
from schema.types.person import Person

text = st.text(max_size=12)
maybe_text = st.none() | text
maybe_day = st.none() | st.dates(date(1990, 1, 1), date(2030, 12, 31))

people = st.builds(PersonRecord, id=text, local_id=text, dataset=text, name=text,
                   other_names=st.lists(text, max_size=2), category=maybe_text,
                   public_figure=st.booleans(), pseudonymous=st.booleans(),
                   sources=st.lists(text, max_size=2), confidence=text, canonical_id=text)
seats = st.builds(MembershipRecord, id=text, person_id=text, body_id=text, role=text,
                  member_category=maybe_text, label=maybe_text, start_date=maybe_day,
                  end_date=maybe_day, sources=st.lists(text, max_size=2), confidence=text,
                  on_behalf_of_id=maybe_text, post_id=maybe_text, area_id=maybe_text,
                  person_record=st.none() | people)


def _by_init(made: Any) -> Any:
    """``made`` built again through its class's ``__init__``, from its own fields."""
    fields = dataclasses.fields(made)
    return type(made)(**{f.name: getattr(made, f.name) for f in fields if f.init})


@given(record=people)
def test_a_person_is_the_object_its_constructor_makes(record: PersonRecord) -> None:
    person = Person.of_record(record)
    assert person == _by_init(person)
    assert vars(person) == vars(_by_init(person))
    assert (person.id, person.stored_name, person.canonical_id) == (
        record.id, record.name, record.canonical_id)


@given(record=seats)
def test_a_seat_is_the_object_its_constructor_makes(record: MembershipRecord) -> None:
    seat = Membership.of_record(record)
    assert seat == _by_init(seat)
    assert vars(seat) == vars(_by_init(seat))
    assert (seat.role, seat.party_id, seat.person_record) == (
        record.role, record.on_behalf_of_id, record.person_record)


def test_values_that_miss_or_add_a_field_are_refused() -> None:
    @dataclasses.dataclass
    class Pair:
        left: int
        right: int

    with pytest.raises(TypeError):
        filled(Pair, {"left": 1})
    with pytest.raises(TypeError):
        filled(Pair, {"left": 1, "right": 2, "extra": 3})
    assert filled(Pair, {"left": 1, "right": 2}) == Pair(1, 2)

    @dataclasses.dataclass
    class Counted:
        value: int
        seen: int = dataclasses.field(default=0, init=False)

    with pytest.raises(TypeError):  # its __init__ would set `seen`
        filled(Counted, {"value": 1})
