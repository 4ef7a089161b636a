"""Editions: a checkout's manifests (jurisdictions/*.yml), what each edition layers and publishes,
its untrusted local pages, and their sanitizing.

May import: ecmguide.core, ecmguide.law.
"""
