"""Turn a citation string into a link to the official text of its main authority.

The citation is read with citeurl (https://raindrum.github.io/citeurl/), using its bundled
templates plus the project's own in ecmguide/data/citeurl-templates.yml, which add the short
forms, rules and territorial codes the overlays use and point federal and state citations at
official hosts instead of commercial copies.

The MAIN authority is the first one the citation names: "Tex. R. Evid. 510; Tex. Health & Safety
Code ch. 611" is about Rule 510. When the main authority has no official URL (a court rule
published as a PDF, a code addressed by document ids, a session law), there is no link: the fact
then carries an explicit official_url. A link is returned only when ecmguide.sources says its
host is official.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from citeurl import Citator
from citeurl.citation import Citation

from ecmguide.law import sources

TEMPLATES = Path(__file__).parents[1] / "data" / "citeurl-templates.yml"
OFFICIAL_TEXT = "official text"


@dataclass(frozen=True)
class Link:
    url: str  # on an official host (ecmguide.sources.is_official)
    label: str  # "official text", or "official publisher's portal; search for § 12-18-402"
    section: str  # the text of the main citation, as matched ("Tex. Fam. Code §§ 261.101")


@lru_cache(maxsize=1)
def citator() -> Citator:
    """citeurl's templates plus the project's (built once: building takes about a second)."""
    return Citator(yaml_paths=[TEMPLATES])


def _applies(template, jurisdiction: str) -> bool:
    only = (template.meta or {}).get("only for")
    return not only or jurisdiction.lower() in str(only).lower().split()


def _official_url(cite: Citation) -> str | None:
    url = cite.URL
    return url if url and sources.is_official(url) else None


def main_citation(citation: str, jurisdiction: str = "") -> Citation | None:
    """The first authority `citation` names, as citeurl reads it, or None if none is recognised.

    Where several templates read the text at the same place, one that yields an official URL
    is preferred, then the longest reading.
    """
    found = []
    for template in citator().templates.values():
        if _applies(template, jurisdiction):
            found += template.list_longform_cites(citation)
    if not found:
        return None
    start = min(c.span[0] for c in found)
    first = [c for c in found if c.span[0] == start]
    first.sort(key=lambda c: (_official_url(c) is None, -len(c.text)))
    return first[0]


@lru_cache(maxsize=4096)
def official_link(citation: str, jurisdiction: str) -> Link | None:
    """A link to the official text of the citation's main (first) authority, or None.

    `jurisdiction` is the overlay code ("tx", "us"); it lets short forms that only one
    jurisdiction uses (Massachusetts's "G.L. c.") be read only there.
    """
    if not citation or not citation.strip():
        return None
    cite = main_citation(citation, jurisdiction)
    if cite is None:
        return None
    url = _official_url(cite)
    if url is None:
        return None
    label = OFFICIAL_TEXT
    portal = sources.portal_label(url)
    if portal:
        label = f"{portal}; search for {cite.name}" if cite.name else portal
    return Link(url=url, label=label, section=cite.text)


def why_no_link(citation: str, jurisdiction: str) -> str:
    """Why a citation gets no official-text link, in words (for make coverage)."""
    if not citation.strip():
        return "no citation"
    cite = main_citation(citation, jurisdiction)
    if cite is None:
        return "no template recognises the citation (a case, a statement, or a form not yet covered)"
    reason = (cite.template.meta or {}).get("no link")
    if reason:
        return str(reason)
    if cite.URL and not sources.is_official(cite.URL):
        return f"the only address known for {cite.template.name} is not an official host"
    return f"no official address is known for {cite.template.name}"


def fact_link(fact) -> Link | None:
    """A fact's official-text link: its explicit official_url, else the link built from its citation.

    official_url is for what a citation cannot address (document ids, chapter pages, session laws,
    court rules as PDFs); validation requires it to be on an official host.
    """
    if fact.link_resolved or fact.link_url:
        return Link(fact.link_url, fact.link_label, fact.citation) if fact.link_url else None
    if fact.official_url:
        portal = sources.portal_label(fact.official_url)
        return Link(
            fact.official_url, f"{portal}; search for {fact.citation}" if portal else OFFICIAL_TEXT, fact.citation
        )
    return official_link(fact.citation, fact.layer) if fact.citation else None
