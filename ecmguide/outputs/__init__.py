"""What readers get, rendered from merged editions: fact HTML (render), the placeholders' one registry
(placeholders), then three kinds of output in sub-packages, lowest first: printed (PDFs and handouts),
site (an edition's mkdocs site, its plugin object and post-processing) and hub (the picker, coverage,
compare, open data and codebook).

May import: ecmguide.core, ecmguide.law, ecmguide.editions, ecmguide.review. Inside outputs,
site may import printed, and hub may import site and printed; never the other way.
"""
