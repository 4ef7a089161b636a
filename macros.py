"""mkdocs-macros adapter: exposes the jurisdiction's facts to the guide's pages.

Thin on purpose. The edition (already loaded, validated and merged by the ecmguide package) comes
from ecmguide.outputs.site.mkdocs_site; every macro returns escaped HTML from ecmguide.outputs.render.
In an edition in another language, the legal facts and a task force's contacts stay in English, marked
lang="en" after a note in the page's language (render.english_part).
"""
from markupsafe import escape

from ecmguide.law import schema
from ecmguide.outputs import answers, render, survivor
from ecmguide.outputs.site import mkdocs_site


def define_env(env):
    edition = mkdocs_site.edition_for(env.conf)
    env.variables["jurisdiction"] = escape(edition.jurisdiction)
    page_url = lambda: env.page.url if env.page else ""  # noqa: E731 - the page changes per render

    def english(html, note="facts_in_english"):
        return render.english_part(edition, html, note)

    def _discipline(key):
        if key not in schema.DISCIPLINES:
            raise ValueError(f"unknown discipline {key!r}; use one of {', '.join(schema.DISCIPLINES)}")
        return key

    @env.macro
    def in_jurisdiction(discipline):
        """The "In <jurisdiction>" box of facts that bind one discipline."""
        return english(answers.jurisdiction_box(edition, _discipline(discipline), page_url()))

    @env.macro
    def handout_link(discipline):
        """Link to the discipline's printable handout on the Downloads page."""
        return mkdocs_site.handout_link(edition, _discipline(discipline), page_url())

    def topic_macro(name, paths):
        def show():
            return english(render.facts_group(edition, paths, page_url()))
        show.__doc__ = f"The facts of {', '.join(paths)} (declared in ecmguide/data/topics.yml)."
        env.macro(show, name)

    for name, paths in schema.topic_macros().items():  # privilege_list(), reporting_list(), duty_to_warn() ...
        topic_macro(name, paths)

    @env.macro
    def facts_table():
        return english(render.facts_table(edition, page_url()))

    @env.macro
    def federal_table():
        return english(render.federal_table(edition))

    @env.macro
    def task_force_contacts():
        return english(render.contacts_block(edition), "contacts_in_english")

    @env.macro
    def downloads_table():
        return mkdocs_site.downloads_list(edition, env.conf)

    @env.macro
    def survivor_page(discipline, lang="en"):
        """For survivors: what happens to what they tell this discipline (outputs/survivor.py)."""
        return survivor.web_page(edition, _discipline(discipline), lang)

    @env.macro
    def survivor_index():
        return survivor.index_html(edition, page_url())

    @env.macro
    def changes_list():
        return mkdocs_site.changes_list(edition, env.conf, page_url())
