"""Every query field, called with random argument values, answers or refuses with a code.

Values (benchmarks/fuzz.py) are drawn per argument type: huge and negative
integers, huge floats, NaN and infinities, unicode, empty strings, unknown
ids and datasets, and one value in ten of a wrong type. No error may be
``INTERNAL_SERVER_ERROR``, and every error carries ``extensions.code``.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.fuzz import Figures, graphql_case, graphql_cases, query_fields
from graph.backends.ladybug import LadybugRunner
from tests.fuzz_profiles import fuzz_settings


@pytest.mark.parametrize("field", query_fields())
@fuzz_settings("graphql")
@given(data=st.data())
def test_random_arguments_never_give_an_internal_error(
    seodaemun_store: LadybugRunner, field: str, data: st.DataObject
) -> None:
    document, variables = data.draw(graphql_cases(field))
    figures = Figures()
    graphql_case(seodaemun_store, document, variables, figures)
    assert figures.tracebacks == 0, figures.failures
