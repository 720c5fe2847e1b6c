# Stage 1: build the dashboard, GraphiQL and API docs pages (dashboard/ -> api/static).
FROM node:20-slim AS front
WORKDIR /app/dashboard
COPY dashboard/package.json dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY dashboard/ ./
RUN npm run build -- --logLevel warn

# Stage 2: the Python app, with the built pages shipped as package data.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY govgraph govgraph
COPY api api
COPY --from=front /app/api/static api/static
COPY graph graph
COPY ingest ingest
COPY schema schema
COPY queries queries
COPY data data
RUN pip install --no-cache-dir .
ENV GOVGRAPH_DATA=/app/data
EXPOSE 8000
CMD ["govgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
