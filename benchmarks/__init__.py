"""The benchmarks: `python -m benchmarks --size 1M` runs them all and prints one table."""
