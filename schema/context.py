"""The per-request context: the repository and fresh DataLoaders."""

from __future__ import annotations

from typing import TypeAlias

import strawberry
from strawberry.fastapi import BaseContext

from graph.analysis.network import MAX_NODES
from graph.repository import Repository
from graph.runner import Runner
from schema.loaders import Loaders


class Context(BaseContext):
    """What every resolver reaches through ``info.context``."""

    def __init__(self, runner: Runner, network_cap: int = MAX_NODES) -> None:
        super().__init__()
        self.runner = runner
        self.network_cap = network_cap
        """The largest ``maxNodes`` the ``network`` field accepts."""
        self.repository = Repository(runner)
        self.loaders = Loaders(self.repository)


Info: TypeAlias = strawberry.Info[Context, None]
