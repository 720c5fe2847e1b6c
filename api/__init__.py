"""The FastAPI app: /graphql (GraphiQL), /health."""
