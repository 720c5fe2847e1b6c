"""How a centrality was computed: exactly, from pivots, or from sampled shortest paths."""

from __future__ import annotations

import strawberry

from graph.analysis.fast import CONFIDENCE, Method


@strawberry.type(description="How a centrality was computed: exactly; estimated from "
                             "shortest paths from `pivots` nodes drawn at random with `seed`; "
                             "or estimated from `paths` shortest paths sampled (KADABRA) until "
                             "the `top` nodes' scores are within `error`.")
class CentralityMethod:
    method: str = strawberry.field(description="`exact`, `sampled` (from pivots) or "
                                               "`sampled-paths` (KADABRA).")
    exact: bool
    pivots: int = strawberry.field(description="Nodes searched from (every node when exact, "
                                               "none when paths are sampled).")
    seed: int | None = strawberry.field(description="Seed of the draw (null when exact); the "
                                                    "same seed gives the same answer.")
    error: float | None = strawberry.field(
        description="Sampled paths: the largest error of a top node's score, with "
                    "probability `confidence` (null for the other methods).")
    confidence: float | None = strawberry.field(
        description="Sampled paths: the probability with which `error` holds.")
    top: int = strawberry.field(description="Sampled paths: the nodes `error` is for (the "
                                            "highest scores); 0 otherwise.")
    paths: int = strawberry.field(description="Sampled paths: shortest paths sampled; 0 "
                                              "otherwise.")

    @classmethod
    def of(cls, method: Method) -> CentralityMethod:
        return cls(method=method.name, exact=method.exact, pivots=method.pivots,
                   seed=method.seed, error=method.error,
                   confidence=CONFIDENCE if method.error is not None else None,
                   top=method.top, paths=method.paths)
