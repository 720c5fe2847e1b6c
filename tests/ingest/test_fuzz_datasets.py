"""Randomly mutated datasets are stored exactly or refused whole, never half-written.

Mutations (benchmarks/fuzz.py) change cells, headers, descriptor fields and
encodings, remove files and replace them by links, of the bundled Seodaemun
dataset and of a small one. Each case is ingested into a store holding another
dataset: it must be stored exactly (every row a node, the rest unchanged) or
refused with DatasetInvalidError whose every problem has a file and a reason,
the store unchanged. Any other exception fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given

from benchmarks.fuzz import Figures, Mutation, cases, dataset_case, open_store
from graph.backends.ladybug import LadybugRunner
from tests.fuzz_profiles import fuzz_settings


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.fixture(scope="module")
def fuzz_store(scratch: Path) -> Iterator[LadybugRunner]:
    runner = open_store(scratch)
    yield runner
    runner.close()


@fuzz_settings("datasets")
@given(case=cases)
def test_a_mutated_dataset_is_stored_exactly_or_refused_whole(
    fuzz_store: LadybugRunner, scratch: Path, case: tuple[str, list[Mutation]]
) -> None:
    figures = Figures()
    dataset_case(fuzz_store, scratch, case[0], case[1], figures)
    assert figures.tracebacks == figures.partial_writes == 0, figures.failures
    assert figures.tried == figures.stored + figures.refused == 1
