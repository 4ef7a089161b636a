"""The guide's placeholders, one registry: what each `{{ name(arg) }}` in a page turns into.

macros.py exposes every entry to the guide's own pages (mkdocs-macros); a local page (untrusted, see
editions/localpages.py) may use only the entries localpages.PLACEHOLDER_NAMES lists, and the plugin puts
the same HTML in place of their tokens. Topic lists (privilege_list() ...) come from the topic
declarations (ecmguide/data/topics.yml). Every function returns escaped HTML.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup, escape

from ecmguide.editions.names import pdf_name
from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.outputs import answers, render
from ecmguide.outputs.catalog import site_words


def discipline(key: str) -> str:
    if key not in schema.DISCIPLINES:
        raise ValueError(f"unknown discipline {key!r}; use one of {', '.join(schema.DISCIPLINES)}")
    return key


def handout_link(edition: Edition, which: str, page_url: str) -> Markup:
    """Link to the discipline's printable handout on the Downloads page."""
    href = render.page_link("downloads.md", page_url) + pdf_name(edition.code, discipline(which))
    m = site_words(edition.lang)
    return Markup('<p class="handout-link"><a href="{}" download>{}</a> · <a href="{}">{}</a></p>').format(
        href, m["handout_link"], render.page_link("downloads.md", page_url), m["all_downloads"]
    )


# name -> (edition, argument or None, page url) -> HTML. An entry taking no argument ignores it.
PLACEHOLDERS: dict[str, Callable[[Edition, str | None, str], Markup]] = {
    "jurisdiction": lambda e, arg, url: escape(e.jurisdiction),
    "task_force_contacts": lambda e, arg, url: render.english_part(e, render.contacts_block(e), "contacts_in_english"),
    "facts_table": lambda e, arg, url: render.english_part(e, render.facts_table(e, url)),
    "federal_table": lambda e, arg, url: render.english_part(e, render.federal_table(e)),
    "in_jurisdiction": lambda e, arg, url: render.english_part(e, answers.jurisdiction_box(e, discipline(arg), url)),
    "handout_link": handout_link,
}
for _name, _paths in schema.topic_macros().items():  # privilege_list(), reporting_list(), duty_to_warn() ...
    PLACEHOLDERS[_name] = lambda e, arg, url, paths=tuple(_paths): render.english_part(
        e, render.facts_group(e, list(paths), url)
    )


def html(edition: Edition, name: str, arg: str | None, page_url: str) -> str:
    """The trusted HTML of one placeholder, as a string (a local page's token is replaced by it)."""
    return str(PLACEHOLDERS[name](edition, arg, page_url))
