FROM python:3.11-slim
WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY domain domain
COPY application application
COPY infrastructure infrastructure
COPY api api
COPY projections projections
RUN pip install --no-cache-dir --no-deps .
EXPOSE 8000
CMD ["duban", "serve", "--host", "0.0.0.0", "--port", "8000"]
