"""The one door to the site generator: every mkdocs name the project uses is imported here, and nowhere else.

A port to another generator (Zensical, the successor of Material for MkDocs) replaces this module and
ecmguide/outputs/site/plugin.py (the build's events); tests/test_layers.py checks no other module imports
mkdocs. Imports are lazy so the modules that only read pages never load mkdocs.
"""

from __future__ import annotations

from pathlib import Path


def relative_url(url: str, other: str) -> str:
    """A URL relative to another page's URL, as mkdocs writes its own links (mkdocs' own rule where mkdocs
    is not installed, e.g. under another generator that loads macros.py)."""
    try:
        from mkdocs.utils import get_relative_url
    except ImportError:
        import posixpath

        if other != ".":
            head, tail = posixpath.split(other)
            other = head if "." in tail else other
        rel = posixpath.relpath("/" + url, "/" + other)
        return rel + "/" if url.endswith("/") else rel
    return get_relative_url(url, other)


def absolute_url(path: str, base: str) -> str:
    """A theme asset's URL from a base path (the 404 page's links)."""
    from mkdocs.utils import normalize_url

    return normalize_url(path, None, base)


def front_matter_re():
    """The pattern mkdocs uses to find a page's YAML front matter."""
    from mkdocs.utils.meta import YAML_RE

    return YAML_RE


def generated_file(config, uri: str, **source):
    """A file the build adds to the site: content= text, or abs_src_path= a file on disk."""
    from mkdocs.structure.files import File

    return File.generated(config, uri, **source)


def toc_of(html_toc):
    from mkdocs.structure.toc import get_toc

    return get_toc(html_toc)


def base_plugin():
    """The class a build's own event handler derives from (a plain object where mkdocs is not installed,
    e.g. under another generator that loads macros.py)."""
    try:
        from mkdocs.plugins import BasePlugin
    except ImportError:
        return object
    return BasePlugin


def load(config_file: Path, plugin=None, **overrides):
    """The loaded config of mkdocs.yml with overrides (a plain mapping), and the project's plugin object for
    this one build added after the configured plugins (so its events run last, as a hook's would)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file), **overrides)
    if plugin is not None:
        _attach(config, plugin)
    return config


def _attach(config, plugin) -> None:
    """Add the project's plugin object to a loaded config, after the configured plugins (registers its on_*
    events); plugin_of() finds it."""
    config.plugins["ecmguide"] = plugin


def plugin_of(config):
    """The project's plugin object of a loaded config, or None (a config loaded without one, or another
    generator's config)."""
    plugins = getattr(config, "plugins", None)
    return plugins.get("ecmguide") if plugins is not None else None


def build(config) -> None:
    from mkdocs.commands.build import build as mkdocs_build

    mkdocs_build(config)


def serve(config_file: Path, make_plugin, addr: str, watch: list[str], **overrides) -> None:
    """mkdocs serve, each rebuild's config given a fresh plugin object (make_plugin())."""
    from mkdocs.commands import serve as serving

    original = serving.load_config

    def load_with_plugin(**kwargs):
        config = original(**kwargs)
        _attach(config, make_plugin())
        return config

    serving.load_config = load_with_plugin  # mkdocs serve loads the config again on every change
    try:
        serving.serve(str(config_file), livereload=True, dev_addr=addr, watch=watch, **overrides)
    finally:
        serving.load_config = original
