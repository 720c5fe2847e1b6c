"""The Cypher statements, one named statement per ``.cypher`` file (read by ``graph.statements``).

Saved analyst GraphQL documents live in ``queries/analyst/``.
"""
