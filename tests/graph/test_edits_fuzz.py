"""Fuzzed edits: whatever values an editor sends, an edit is stored exactly as validated
or refused with one of the project's error codes, and a refused edit changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph import edits
from graph.backends.ladybug import LadybugRunner
from graph.errors import GovgraphError
from ingest.package import load_dataset
from ingest.writer import ingest
from tests.conftest import open_store, snapshot
from tests.fuzz_profiles import fuzz_settings
from tests.ingest.conftest import TINY, write_dataset

EDITOR = edits.Editor("fuzz", "editor")
CELLS = st.one_of(st.none(), st.text(max_size=12),
                  st.sampled_from(["council", "working_group", "2021-02-30", "2021-06-01",
                                   "-1", "12", "true", "a;b", " ", "9" * 25]))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugRunner]:
    folder = tmp_path_factory.mktemp("fuzz")
    runner = open_store(folder / "db")
    ingest(runner, load_dataset(write_dataset(folder / "riverton", TINY)))
    yield runner
    runner.close()


@fuzz_settings("graphql")
@given(values=st.dictionaries(st.sampled_from([*edits.BODY_FIELDS, "dataset", "id"]), CELLS,
                              max_size=3),
       source=st.sampled_from(["minutes 1", " ", "a;b"]), reason=st.sampled_from(["r", ""]))
def test_a_body_correction_is_stored_as_validated_or_refused_leaving_everything(
        store: LadybugRunner, values: dict[str, str | None], source: str, reason: str) -> None:
    before = snapshot(store)
    held = edits.record(store, "riverton/board")
    try:
        change = edits.correct(store, EDITOR, "riverton/board", held.version, values, source,
                               reason)
    except GovgraphError as exc:
        assert exc.code in {"DATASET_INVALID", "BAD_USER_INPUT"}, exc
        assert snapshot(store) == before
        return
    now = edits.record(store, "riverton/board")
    assert now.version == change.version
    assert {k: now.values[k] for k in change.fields} == change.new


@fuzz_settings("graphql")
@given(role=st.one_of(st.sampled_from(["member", "chair", "emperor", ""]), st.text(max_size=8)),
       start=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1))),
       end=st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 1, 1))))
def test_an_appointment_is_stored_or_refused_as_its_check_said(
        store: LadybugRunner, role: str, start: date | None, end: date | None) -> None:
    check = None
    try:
        check = edits.check_appointment(store, "riverton/ben", "riverton/green", role, start, end)
    except GovgraphError as exc:
        assert exc.code == "BAD_USER_INPUT" and start and end and end < start
    before = snapshot(store)
    try:
        edits.appoint(store, EDITOR, "riverton/ben", "riverton/green", role, start, end, "s",
                      "r")
    except GovgraphError as exc:
        assert exc.code in {"DATASET_INVALID", "BAD_USER_INPUT", "CONFLICT"}, exc
        assert check is None or check.problems or exc.code != "DATASET_INVALID"
        assert snapshot(store) == before
        return
    assert check is not None and not check.problems


