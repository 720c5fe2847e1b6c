"""The repository's choice of statement: a specialised statement answers exactly as the
general one it stands in for."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.filters import DateWindow, PeopleFilter
from graph.repository import ALL, Repository
from graph.runner import Runner

DATASETS = st.sampled_from(["", "seodaemun-2021", "seoul-2017"])
DAYS = st.one_of(st.none(), st.dates(date(2015, 1, 1), date(2023, 12, 31)))


def general(runner: Runner, where: PeopleFilter, skip: int, limit: int) -> tuple[list[str], int]:
    """What the general statements answer for ``where``."""
    params = where.params()
    ids = [row["id"] for row in runner.read("people_list", {**params, "skip": skip,
                                                             "limit": limit})]
    return ids, int(runner.read("people_count", params)[0]["total"])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dataset=DATASETS, day=DAYS, bodies=st.lists(st.sampled_from(
    ["seodaemun-2021/council", "seodaemun-2021/steering", "seoul-2017/council"]),
    max_size=2, unique=True), visible=st.booleans(), skip=st.integers(0, 5),
    limit=st.sampled_from([1, 7, ALL]))
def test_who_is_seated_is_answered_as_the_general_listing_would(
        contract_seoul: Runner, dataset: str, day: date | None, bodies: list[str],
        visible: bool, skip: int, limit: int) -> None:
    where = PeopleFilter(dataset=dataset, body_ids=tuple(bodies), window=DateWindow.as_of(day),
                         names_visible=visible)
    repository = Repository(contract_seoul)
    answer = ([p.id for p in repository.people_page(where, skip, limit)],
              repository.count_people(where))
    assert answer == general(contract_seoul, where, skip, limit)


def test_a_filter_asking_more_than_who_is_seated_takes_the_general_statement() -> None:
    seated = PeopleFilter(window=DateWindow.as_of(date(2020, 1, 1)))
    assert seated.seated_only()
    assert PeopleFilter(body_ids=("x",)).seated_only()
    assert not PeopleFilter().seated_only()
    for other in ({"name": "kim"}, {"categories": ("private",)}, {"identifier": "a:b"},
                  {"area_ids": ("a",)}, {"party_ids": ("p",)}, {"organization_ids": ("o",)}):
        assert not PeopleFilter(window=seated.window, **other).seated_only()
