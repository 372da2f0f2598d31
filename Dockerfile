FROM python:3.11-slim
# the circular's charts need a CJK font
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY domain domain
COPY application application
COPY infrastructure infrastructure
COPY projections projections
COPY bootstrap bootstrap
COPY reports reports
COPY api api
COPY entrypoints entrypoints
COPY demo demo
RUN pip install --no-cache-dir --no-deps .
EXPOSE 8000
CMD ["duban", "serve", "--host", "0.0.0.0", "--port", "8000"]
