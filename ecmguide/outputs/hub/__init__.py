"""The hub site at the top of site/: the jurisdiction picker, the coverage report, the compare page,
the open data and its codebook.

May import: ecmguide.core, law, editions, review, outputs.render, outputs.printed and outputs.site.
"""
