"""Logic for publishing the ECM confidentiality guide per jurisdiction.

The package is a house of floors; each imports only from the floors below it (tests/test_layers.py
checks this on every run):

- core: errors, dates, text safety, safe YAML, read-only git;
- law: the fact schema, the data model, sources, citations, trust, validation, overlays, field reference;
- editions: the checkout's manifests and editions, local pages and their sanitizing;
- review: fact diffs and history, the change report, affected editions, the source watch, double coding;
- outputs: fact HTML (render), then printed (PDFs, handouts), site (an edition's mkdocs site) and hub;
- pipeline: digests, cache, workers, publication, shared assets, shards and the build's order of work;
- tools: site checks and the benchmark;
- cli: the command line (`python -m ecmguide`), on top.

Package data (source authority, citation templates) lives in ecmguide/data/.
"""
