"""Short answers first: at the top of each discipline's jurisdiction box, the bottom line of its topics.

Every sentence comes from the message catalog (ecmguide/data/messages/en.yml), chosen by topic, status and
field values, and links to its fact. An open question never reads as "no": a law not found when searched
says so with the date, and a topic not yet researched says that.
"""

from __future__ import annotations

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition, Fact
from ecmguide.outputs.catalog import messages
from ecmguide.outputs.render import anchor_id, page_link, phone_link

SCOPE_WORDS = {
    "voter_records": "voter records only",
    "driver_records": "driver's licence records only",
    "public_records": "public-records shielding only",
    "other": "a narrower protection",
}


def _open(edition: Edition, fact: Fact) -> Markup | None:
    """The answer when the law is not recorded as in force: never a bare 'no' for a search or a gap."""
    m = messages()["open"]
    if fact.status == "not_enacted":
        return Markup(m["not_enacted"]).format(jurisdiction=edition.jurisdiction)
    if fact.status == "none_found":
        day = dict(fact.searched).get("date")
        return Markup(m["none_found"]).format(date=day.isoformat() if day else "an unrecorded date")
    if fact.status == "unknown":
        return Markup(m["unknown"])
    return None


def _reporting(fact: Fact) -> Markup:
    m = messages()["reporting"]
    universal = fact.get("universal")
    key = "conditional" if universal == "conditional" else str(universal is True).lower()
    text = Markup(m["universal"][key]).format(condition=fact.get("condition") or "")
    report = dict(fact.get("report") or ())
    if report:
        where = Markup(m["where"]).format(
            agency=report["agency"],
            phone=Markup(", {}").format(phone_link(report["phone"])) if report.get("phone") else "",
            deadline=Markup(", {}").format(report["deadline"]) if report.get("deadline") else "",
        )
    else:
        where = Markup(m["where_unknown"])
    return text + Markup(" ") + where


def _address(fact: Fact) -> Markup:
    m = messages()["address_confidentiality"]
    if fact.get("scope") not in (None, "substitute_address"):
        return Markup(m["narrower"]).format(scope=SCOPE_WORDS[fact.get("scope")])
    program = fact.get("program_name") or "a program"
    text = Markup(m["substitute_address"]).format(program=program)
    apply = dict(fact.get("apply") or ())
    if apply:
        return text + Markup(" ") + Markup(m["apply"]).format(how=apply["how"])
    contact = (
        Markup(": ask the program{}").format(Markup(" at {}").format(phone_link(fact.get("phone"))))
        if fact.get("phone")
        else Markup("")
    )
    return text + Markup(" ") + Markup(m["apply_unknown"]).format(contact=contact)


def answer(edition: Edition, slot: str, fact: Fact) -> Markup:
    """One topic's short answer, from the catalog, by status and values."""
    opened = _open(edition, fact)
    if opened is not None:
        return opened
    m = messages()
    if slot.startswith("privileges."):
        return Markup(m["privilege"]["in_force"]).format(citation=fact.citation)
    if slot in ("mandated_reporting.child", "mandated_reporting.vulnerable_adult"):
        return _reporting(fact)
    if slot == "mandated_reporting.attorneys":
        return Markup(m[slot][fact.get("attorneys_report")])
    if slot == "duty_to_warn":
        return Markup(m["duty_to_warn"][fact.get("rule")])
    if slot == "address_confidentiality":
        return _address(fact)
    if slot == "victims_rights":
        return Markup(m["victims_rights"][str(fact.get("constitutional") is True).lower()])
    if slot in m:
        return Markup(m[slot]["in_force"])
    return Markup("{}").format(schema.SLOTS_BY_PATH[slot].answer)  # a topic the catalog does not word yet


def _question(edition: Edition, slot: str) -> str:
    m = messages()
    if slot in m["reporting"]:
        return m["reporting"][slot]
    question = m[slot]["question"] if slot in m else schema.SLOTS_BY_PATH[slot].question
    return question.format(jurisdiction=edition.jurisdiction)


def bottom_line(edition: Edition, discipline: str, page_url: str) -> Markup:
    """The short answers of a discipline's topics: its privileges together, then each other topic in order."""
    m = messages()
    glance = page_link("jurisdiction-facts.md", page_url)
    slots = [s for s in schema.SLOTS if discipline in s.disciplines]

    def more(slot) -> Markup:
        return Markup(' <a class="bottom-line-more" href="{}#{}" aria-label="Details: {}">details</a>').format(
            glance, anchor_id(slot.path), slot.title
        )

    items = []
    privileges = [s for s in slots if s.path.startswith("privileges.")]
    if privileges:
        parts = Markup("").join(
            Markup("<li>{}</li>").format(
                Markup(m["privilege"]["item"]).format(
                    who=m["who"].get(s.path, s.title), answer=answer(edition, s.path, edition.fact(s.path))
                )
                + more(s)
            )
            for s in privileges
        )
        items.append(Markup("<li><strong>{}</strong><ul>{}</ul></li>").format(m["privilege"]["question"], parts))
    for s in slots:
        if s.path.startswith("privileges."):
            continue
        items.append(
            Markup("<li><strong>{}</strong> {}{}</li>").format(
                _question(edition, s.path), answer(edition, s.path, edition.fact(s.path)), more(s)
            )
        )
    title = m["heading"].format(jurisdiction=edition.jurisdiction)
    return Markup(
        '<div class="bottom-line" role="region" aria-label="{0}"><p class="bottom-line-title"><strong>{0}'
        '</strong></p><ul class="bottom-line-answers">{1}</ul><p class="bottom-line-note">{2}</p></div>'
    ).format(title, Markup("").join(items), m["intro"])


def jurisdiction_box(edition: Edition, discipline: str, page_url: str) -> Markup:
    """A discipline's jurisdiction box with its short answers first (what the pages and handouts show)."""
    from ecmguide.outputs.render import discipline_box

    return discipline_box(edition, discipline, page_url, lead=bottom_line(edition, discipline, page_url))
