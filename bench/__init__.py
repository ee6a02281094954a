"""Benchmarks behind `make bench*`."""
