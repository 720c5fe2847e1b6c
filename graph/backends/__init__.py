"""One :class:`graph.runner.Runner` implementation per backend."""
