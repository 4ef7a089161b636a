"""The law as data: the fact schema, the plain data model, source authority, citation links, trust
rules, validation, overlay loading and merging, and the field reference generated from the schema.

May import: ecmguide.core.
"""
