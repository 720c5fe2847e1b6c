"""The synthetic network generator: reproducible, and valid for ingest."""

from __future__ import annotations

from pathlib import Path

from graph.analysis.concentration import multi_role_concentration
from graph.backends.ladybug import LadybugRunner
from ingest.package import load_dataset
from ingest.synthetic import write_synthetic
from ingest.writer import ingest


def test_same_seed_same_files(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "a", 300, 3, seed=5)
    write_synthetic(tmp_path / "b", 300, 3, seed=5)
    for file in (tmp_path / "a").iterdir():
        assert file.read_bytes() == (tmp_path / "b" / file.name).read_bytes(), file.name


def test_a_synthetic_network_ingests_and_answers(store: LadybugRunner, tmp_path: Path) -> None:
    size = write_synthetic(tmp_path / "s", 300, 3)
    ingest(store, load_dataset(tmp_path / "s"))
    found = multi_role_concentration(store, "synthetic-300")
    assert (found.total_people, found.total_seats) == (300, size.seats)
    # seats per person follow a power law: most people hold one seat
    assert found.buckets[-1].bodies == 1 and found.buckets[-1].people > 150
