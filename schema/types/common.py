"""What every type shares: provenance, and building a type from a repository record."""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any, TypeVar

import strawberry

T = TypeVar("T")


@strawberry.enum(description="Whether the source states a fact or it was inferred from it.")
class Confidence(Enum):
    STATED = "stated"
    INFERRED = "inferred"


def build(cls: type[T], record: Any) -> T:
    """Make the GraphQL type ``cls`` from a record with the same field names."""
    values = {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init and hasattr(record, f.name)
    }
    if "confidence" in values:
        values["confidence"] = Confidence(values["confidence"])
    return cls(**values)
