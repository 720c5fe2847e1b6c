"""Live updates: every committed change, as the caller may see it, over WebSocket
(graphql-transport-ws, served by strawberry's router at ``/graphql``)."""

from __future__ import annotations

from collections.abc import AsyncGenerator

import strawberry

from graph import edits
from schema.context import Info
from schema.types.change import Change


@strawberry.type(description="Changes as they are committed.")
class Subscription:
    @strawberry.subscription(description="Every change to `dataset` (all datasets if absent) "
                                         "committed by this server from now on, named as the "
                                         "caller may see it.")
    async def changes(self, info: Info,
                      dataset: str | None = None) -> AsyncGenerator[Change, None]:
        with edits.feed(info.context.runner).subscribe() as queue:
            while True:
                change = await queue.get()
                if dataset and change.dataset != dataset:
                    continue
                yield Change.of(change, await info.context.namer())
