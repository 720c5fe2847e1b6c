"""Hypothesis profiles of the fuzz tests: bounded in the suite, larger on request.

``GOVGRAPH_FUZZ=thorough`` runs ten times the examples; ``GOVGRAPH_FUZZ_EXAMPLES=N``
sets the count of each fuzz test outright. ``benchmarks/fuzz.py`` runs the same
strategies and prints the figures.
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

SUITE = {"datasets": 30, "graphql": 8}
"""Examples per test in the suite: dataset cases, and GraphQL cases per query field."""


def fuzz_settings(kind: str) -> settings:
    """The settings of the fuzz test ``kind`` (``datasets`` or ``graphql``)."""
    examples = SUITE[kind] * (10 if os.environ.get("GOVGRAPH_FUZZ") == "thorough" else 1)
    examples = int(os.environ.get("GOVGRAPH_FUZZ_EXAMPLES", examples))
    return settings(max_examples=examples, deadline=timedelta(seconds=30), database=None,
                    derandomize="GOVGRAPH_FUZZ" not in os.environ,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
