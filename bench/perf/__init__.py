"""The pieces of `python -m bench.perf_bench`: the table, cold starts, question choice at scale,
and the HTTP figures against the local platform."""
