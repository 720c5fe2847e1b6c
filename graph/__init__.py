"""Everything about the store: backends, schema, named statements, and the repository."""
