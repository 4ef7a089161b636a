"""Print: the guide PDF and the discipline handouts (WeasyPrint), the pages collected for print,
numbered link notes and the print stylesheet.

May import: ecmguide.core, law, editions, review and outputs.render; never outputs.site or outputs.hub.
"""
