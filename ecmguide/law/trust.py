"""Meaning checks on how a fact is sourced: refused hosts, official text, confidence, official links.

validate.check_fact calls check_sources() for every fact with a citation. Each problem names the
file, line and field (the Context does that) and says what to do instead.
"""

from __future__ import annotations

from ecmguide.law import citations, sources

URL_FIELDS = ("source_url", "official_url", "website")


def _instead(jurisdiction: str) -> str:
    official = sources.code_host(jurisdiction)
    where = f"the official text on {official}" if official else "the official code site"
    return (
        f"read {where} and cite that page, or a reliable secondary source (e.g. Justia, Cornell LII, the Child "
        "Welfare Information Gateway) with checked_against: secondary"
    )


def check_sources(ctx, values: dict, path: tuple, jurisdiction: str) -> None:
    """Refused hosts, official-text claims, confidence and the official-text link of one fact's values."""
    urls = [((name,), values[name]) for name in URL_FIELDS if values.get(name)]
    urls += [(("additional_sources", i), u) for i, u in enumerate(values.get("additional_sources", ()))]
    refused = [(where, url) for where, url in urls if sources.refused(url)]
    for where, url in refused:
        ctx.error(
            path + where,
            f"{sources.host(url)} is not citable ({sources.refusal_reason(url)}); remove it and "
            f"{_instead(jurisdiction)}",
        )
    for where, url in urls:
        if not sources.listed(url):
            ctx.warn(
                path + where,
                f"{sources.host(url)} is not classified in ecmguide/data/sources.yml, so it counts "
                "as a secondary source; a maintainer should list it as official, secondary or refused",
            )
    source = values.get("source_url", "")
    checked = values.get("checked_against")
    if checked == "official_text" and source and not sources.is_official(source):
        ctx.error(
            path + ("checked_against",),
            f"is official_text, but source_url is on {sources.host(source)}, not "
            f"an official publisher's site; cite the official page you read (e.g. on "
            f"{sources.code_host(jurisdiction) or 'the official code site'}) or write checked_against: secondary",
        )
    if values.get("confidence") == "high" and checked != "official_text":
        ctx.error(
            path + ("confidence",),
            "is high, but high means the official text was read; set checked_against: "
            "official_text with the official source_url, or lower confidence to medium",
        )
    official = values.get("official_url")
    if official and not sources.refused(official) and not sources.is_official(official):
        ctx.error(
            path + ("official_url",),
            f"{sources.host(official)} is not an official host; official_url is the "
            f"official publisher's page of the cited section (e.g. on "
            f"{sources.code_host(jurisdiction) or 'the official code site'})",
        )
    if values.get("status", "in_force") == "in_force" and values.get("citation") and not official:
        if citations.official_link(values["citation"], jurisdiction) is None:
            ctx.warn(
                path + ("citation",),
                f"no official-text link can be built from {values['citation']!r}; add "
                "official_url: the official publisher's page of the main section",
            )
