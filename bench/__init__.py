"""Benchmarks: `make bench` (python -m bench) measures every figure the issues name, on
PostgreSQL, each beside a baseline measured in the same run and the aim it must meet."""
