"""The printed documents for survivors: the explainer (one page per discipline) and the release form.

Both exist in every edition and language (catalog.LANGUAGES). Their titles are neutral and they carry no
logo, so a survivor can keep them safely; a Spanish document says it is an unreviewed translation until a
reviewer is recorded in es.yml. The release form follows the guide's own essentials of a release and VAWA's
rule on minors (the abuser never consents), and says it is not a HIPAA authorization.
"""

from __future__ import annotations

from markupsafe import Markup

from ecmguide.editions.names import SURVIVORS
from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.outputs import survivor
from ecmguide.outputs.catalog import messages

VAWA = "vawa_confidentiality"  # the federal fact whose citation the minors' rule rests on


def _wrap(edition: Edition, lang: str, title: str, body: Markup, kind: str) -> str:
    date = edition.edition_date.isoformat()
    return str(
        Markup(
            '<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}: {j}</title>'
            '<meta name="author" content="ECM Guide project"><meta name="description" content="{j}">'
            '<meta name="dcterms.created" content="{date}T00:00:00Z"><meta name="dcterms.modified" content="{date}T00:00:00Z">'
            '</head><body class="{kind}">{body}</body></html>'
        ).format(lang=lang, title=title, j=edition.jurisdiction, date=date, body=body, kind=kind)
    )


def explainer_html(edition: Edition, lang: str) -> str:
    pages = Markup("").join(
        Markup('<section class="explainer-page">{}</section>').format(survivor.page_html(edition, d, lang))
        for d in schema.DISCIPLINES
    )
    return _wrap(edition, lang, messages(lang)["survivor"]["title"], pages, "survivors")


def _line(label: str) -> Markup:
    return Markup('<p class="form-line"><span class="form-label">{}</span><span class="blank wide"></span></p>').format(
        label
    )


def release_html(edition: Edition, lang: str) -> str:
    cat = messages(lang)
    m = cat["release"]
    vawa = edition.federal.get(VAWA)
    parts = [Markup('<p class="explainer-kicker">{}</p><h1>{}</h1>').format(m["kicker"], m["title"])]
    if lang != "en":
        parts.append(survivor.translation_note(lang, "release"))
    parts.append(Markup("<p>{}</p>").format(m["intro"]))
    parts += [_line(m[key]) for key in ("person", "agency", "what", "whom", "why", "until")]
    parts.append(
        Markup("<h2>{}</h2><ul>{}</ul>").format(
            m["rights_heading"], Markup("").join(Markup("<li>{}</li>").format(r) for r in m["rights"])
        )
    )
    minor = Markup("").join(Markup("<li>{}</li>").format(r) for r in m["minor"])
    source = (
        Markup('<p class="form-source">{}</p>').format(Markup(m["minor_source"]).format(citation=vawa.citation))
        if vawa is not None and vawa.has_law
        else Markup("")
    )
    parts.append(Markup("<h2>{}</h2><ul>{}</ul>{}").format(m["minor_heading"], minor, source))
    parts.append(Markup("<p><strong>{}</strong></p>").format(m["hipaa"]))
    if not edition.is_federal:
        parts.append(Markup("<p>{}</p>").format(Markup(m["local"]).format(J=edition.jurisdiction)))
    parts += [
        Markup('<div class="form-sign">{}{}</div>').format(_line(m[who]), _line(m["date"]))
        for who in ("sign_person", "sign_guardian", "sign_staff")
    ]
    parts.append(Markup('<p class="explainer-notice"><strong>{}</strong></p>').format(m["notice"]))
    body = Markup('<div class="release" lang="{}">{}</div>').format(lang, Markup("").join(parts))
    return _wrap(edition, lang, m["title"], body, "release")


def document_html(edition: Edition, kind: str, lang: str) -> str:
    return explainer_html(edition, lang) if kind == SURVIVORS else release_html(edition, lang)
