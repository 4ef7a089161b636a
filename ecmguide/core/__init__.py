"""The ground floor: errors, dates, text safety, safe YAML and read-only git.

Owns nothing about the law or the guide. Imports only the standard library and third-party packages,
never another ecmguide package.
"""
