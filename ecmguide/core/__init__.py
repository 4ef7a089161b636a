"""The ground floor: errors, dates, text safety, safe YAML, read-only git, and the one door to the site
generator (generator.py: the only module that imports mkdocs).

Owns nothing about the law or the guide. Imports only the standard library and third-party packages,
never another ecmguide package.
"""
