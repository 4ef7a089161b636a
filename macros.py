"""mkdocs-macros adapter: exposes the jurisdiction's facts to the guide's pages.

Thin on purpose. The edition (already loaded, validated and merged by the ecmguide package) comes
from ecmguide.outputs.site.mkdocs_site; every macro returns escaped HTML from ecmguide.outputs.render.
In an edition in another language, the legal facts and a task force's contacts stay in English, marked
lang="en" after a note in the page's language (render.english_part).
"""

from markupsafe import escape

from ecmguide.outputs import placeholders, survivor
from ecmguide.outputs.site import mkdocs_site


def define_env(env):
    edition = mkdocs_site.edition_for(env.conf)
    env.variables["jurisdiction"] = escape(edition.jurisdiction)
    page_url = lambda: env.page.url if env.page else ""  # noqa: E731 - the page changes per render

    def placeholder(name, show):
        def macro(arg=None):
            return show(edition, arg, page_url())

        macro.__doc__ = f"{{{{ {name}() }}}}: see ecmguide/outputs/placeholders.py"
        env.macro(macro, name)

    for name, show in placeholders.PLACEHOLDERS.items():  # one registry, shared with local pages
        if name != "jurisdiction":  # a variable, not a call
            placeholder(name, show)

    # Macros of the guide's own pages only: they read the build's config or the survivor pages' language.
    @env.macro
    def downloads_table():
        return mkdocs_site.downloads_list(edition, env.conf)

    @env.macro
    def survivor_page(discipline, lang="en"):
        """For survivors: what happens to what they tell this discipline (outputs/survivor.py)."""
        return survivor.web_page(edition, placeholders.discipline(discipline), lang)

    @env.macro
    def survivor_index():
        return survivor.index_html(edition, page_url())

    @env.macro
    def changes_list():
        return mkdocs_site.changes_list(edition, env.conf, page_url())
