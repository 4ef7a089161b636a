"""An edition's mkdocs-material site: the build of one edition, the mkdocs hooks, the What changed
page and the theme overrides.

May import: ecmguide.core, law, editions, review, outputs.render and outputs.printed.
"""
