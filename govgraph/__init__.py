"""govgraph: a GraphQL knowledge graph of collaborative-governance networks."""

__version__ = "0.1.0"
