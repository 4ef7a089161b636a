"""The build's order of work: digests and state, the cache, workers and signals, publication with
the lock and the atomic swap, the shared theme assets and sharded builds.

May import every package below it: core, law, editions, review, outputs.
"""
