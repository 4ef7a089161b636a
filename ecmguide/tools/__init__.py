"""Maintainers' tools that drive a whole build: the site checks (axe, vnu, links, privacy) and the
benchmark.

May import every package except ecmguide.cli.
"""
