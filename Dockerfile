FROM python:3.11-slim
# the circular's charts need a CJK font; duban restore needs pg_restore (Debian bookworm's
# client is PostgreSQL 15, the compose file's server)
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# the runtime lock: pyproject's dependencies without the dev extra (no pytest, mypy, ruff…)
COPY requirements-runtime.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir --require-hashes -r requirements-runtime.lock
COPY domain domain
COPY application application
COPY infrastructure infrastructure
COPY projections projections
COPY bootstrap bootstrap
COPY reports reports
COPY api api
COPY entrypoints entrypoints
COPY demo demo
RUN pip install --no-cache-dir --no-deps . \
    && useradd --system --uid 10001 --home-dir /app duban \
    && mkdir -p /app/var && chown duban /app/var
USER duban
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["duban", "serve", "--host", "0.0.0.0", "--port", "8000"]
