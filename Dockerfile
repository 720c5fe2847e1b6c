FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY govgraph govgraph
COPY api api
COPY graph graph
COPY ingest ingest
COPY schema schema
COPY queries queries
COPY data data
RUN pip install --no-cache-dir .
ENV GOVGRAPH_DATA=/app/data
EXPOSE 8000
CMD ["govgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
