"""The attorney review packet as a Letter PDF: the worksheet's rows, each with boxes to tick and a line for notes."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ecmguide.core.dates import source_date
from ecmguide.law.model import Overlay
from ecmguide.outputs.printed import pdf
from ecmguide.review.packet import rows


def packet_html(overlay: Overlay, day) -> str:
    items = Markup("").join(
        Markup(
            '<section class="packet-row"><h2>{row}. {topic} <span class="packet-id">({fact})</span></h2>'
            "<p><strong>What the guide says:</strong> {summary}</p>{limits}"
            "<p><strong>Citation:</strong> {citation}{official}</p>"
            "<p><strong>Later changes:</strong> {current}</p><p><strong>Last checked:</strong> {checked}</p>"
            '<p class="packet-digest">Row digest {digest}</p>'
            '<p class="packet-boxes">&#9744; correct &#160;&#160; &#9744; needs change &#160;&#160; &#9744; could not '
            'verify</p><p class="packet-note">Notes: ______________________________________________________________</p>'
            "</section>"
        ).format(
            row=r["row"],
            topic=r["topic"],
            fact=r["fact"],
            summary=r["summary"],
            limits=Markup("<p><strong>Limits:</strong> {}</p>").format(r["limits"]) if r["limits"] else "",
            citation=r["citation"] or "(none: searched, none found)",
            official=Markup(" (official text: {})").format(r["official_text"]) if r["official_text"] else "",
            current=r["current_through"],
            checked=r["last_checked"],
            digest=r["digest"],
        )
        for r in rows(overlay)
    )
    return str(
        Markup(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Attorney review packet: {name}</title>'
            '</head><body class="packet"><h1>Attorney review packet: {name}</h1>'
            "<p>ECM Guide to Confidentiality and Information Sharing, made on {day}. For each fact, tick one box and add "
            "a note. Mark a fact correct only if you read the cited law, as in force today, and it says what the guide "
            "says. Fill in the same rows in the worksheet (CSV) that came with this packet and send it back: a "
            "maintainer records the facts marked correct, with your role and the date. This is a review of "
            "information, not legal advice.</p>{items}</body></html>"
        ).format(name=overlay.name, day=day, items=items)
    )


def write_packet(overlay: Overlay, out_dir: Path, day) -> tuple[Path, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{overlay.code}-review.pdf"
    with source_date(day):
        pages = pdf.render(packet_html(overlay, day), out, str(out_dir))
    return out, pages
