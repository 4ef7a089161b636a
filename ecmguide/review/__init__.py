"""Reviewing change: fact-level diffs between revisions, each fact's history, the pull-request
change report, which editions a change touches, the official-text watch and double coding (qc).

May import: ecmguide.core, ecmguide.law, ecmguide.editions.
"""
