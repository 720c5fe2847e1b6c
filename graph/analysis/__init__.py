"""Analyses of governance networks: one topic per module.

Aggregations run as named Cypher statements; graph algorithms run on networkx
projections of the two-mode person-body network. Results are cached per
dataset version (:mod:`graph.analysis.cache`).
"""
