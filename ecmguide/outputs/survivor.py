"""For survivors: "What happens to what you tell me", one page per discipline, in English and Spanish.

Every sentence comes from the message catalog (ecmguide/data/messages/<lang>.yml), chosen by the facts the
discipline's page shows (federal ones included) the way the short answers are (answers.py): a law in force
gives its plain rule, and a law searched for and not found, or not yet researched, gives "ask me", never a
guess. The same sentences feed the web pages, the PDF and the readability measure (tools/readability.py),
which replaces names and numbers by one word and leaves out headings, blanks, contacts and the notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ecmguide.law import national, schema
from ecmguide.law.model import Edition, Fact
from ecmguide.outputs import render
from ecmguide.outputs.catalog import messages, unreviewed_notice

NAME_TOKEN = "Name"  # what a proper name or number becomes when a sentence is measured
NAMES = ("J", "program", "phone")  # placeholders that hold names or numbers


@dataclass(frozen=True)
class Sentence:
    template: str
    values: dict = field(default_factory=dict)

    def text(self) -> str:
        return self.template.format(**self.values)

    def measured(self) -> str:
        """The sentence as readability measures it: names and numbers are one ordinary word."""
        return self.template.format(**{k: NAME_TOKEN if k in NAMES else v for k, v in self.values.items()})


@dataclass(frozen=True)
class Block:
    heading: str
    sentences: tuple[Sentence, ...]


def _open(fact: Fact) -> bool:
    return fact.status != "in_force"


def _privilege(edition: Edition, discipline: str, m: dict) -> list[Sentence]:
    slots = [s.path for s in schema.SLOTS if s.path.startswith("privileges.") and discipline in s.disciplines]
    if not slots or edition.is_federal:
        return []
    facts = {p: edition.fact(p) for p in slots}
    covered = [m["who"][p] for p, f in facts.items() if f.status == "in_force" and p in m["who"]]
    if covered:
        who = ", ".join(covered[:-1]) + m["and"] + covered[-1] if len(covered) > 1 else covered[0]
        return [Sentence(m["privilege_yes"], {"J": edition.jurisdiction, "who": who})]
    if any(f.status in ("none_found", "not_enacted") for f in facts.values()):
        return [Sentence(m["privilege_none_found"], {"J": edition.jurisdiction})]
    return [Sentence(m["privilege_unknown"])]


def _reporting(edition: Edition, slot: str, key: str, m: dict) -> list[Sentence]:
    fact = edition.fact(slot)
    if _open(fact) or fact.get("universal") is None:
        return [Sentence(m[key]["open"])]
    universal = fact.get("universal")
    which = "conditional" if universal == "conditional" else str(universal is True).lower()
    return [Sentence(m[key][which], {"J": edition.jurisdiction})]


def _address(edition: Edition, m: dict) -> list[Sentence]:
    fact = edition.fact("address_confidentiality")
    if _open(fact):
        return [Sentence(m["address_open"])]
    if fact.get("scope") not in (None, "substitute_address"):
        return [Sentence(m["address_narrow"], {"J": edition.jurisdiction})]
    out = [Sentence(m["address_yes"], {"program": fact.get("program_name") or edition.jurisdiction})]
    apply = dict(fact.get("apply") or ())
    if apply:
        out.append(Sentence(m["apply"][apply["through"]]))
    if fact.get("phone"):
        out.append(Sentence(m["address_call"], {"phone": fact.get("phone")}))
    return out


def blocks(edition: Edition, discipline: str, lang: str = "en") -> list[Block]:
    """The explainer's parts for one discipline, in order, each a heading and its running sentences."""
    m = messages(lang)["survivor"]
    slots = {s.path for s in schema.SLOTS if discipline in s.disciplines}
    out = [Block("", (Sentence(m["role"][discipline]), Sentence(m["intro"])))]
    private = _privilege(edition, discipline, m)
    if discipline == "advocates":
        private.append(Sentence(m["vawa"]))  # federal: VAWA-funded programs' confidentiality
    if private:
        out.append(Block(m["private_heading"], tuple(private)))
    if discipline in m["shared"]:
        out.append(Block(m["shared_heading"], (Sentence(m["shared"][discipline]),)))
    if not edition.is_federal:
        report = []
        if "mandated_reporting.child" in slots:
            report += _reporting(edition, "mandated_reporting.child", "child", m)
        if "mandated_reporting.vulnerable_adult" in slots:
            report += _reporting(edition, "mandated_reporting.vulnerable_adult", "adult", m)
        if report:
            out.append(Block(m["report_heading"], tuple(report)))
        if "duty_to_warn" in slots:
            fact = edition.fact("duty_to_warn")
            rule = "open" if _open(fact) or not fact.get("rule") else fact.get("rule")
            out.append(Block(m["warn_heading"], (Sentence(m["warn"][rule]),)))
    out.append(Block(m["choice_heading"], (Sentence(m["choice"]),)))
    if "address_confidentiality" in slots and not edition.is_federal:
        out.append(Block(m["address_heading"], tuple(_address(edition, m))))
    if edition.is_federal:
        out.append(Block("", (Sentence(m["federal"]),)))
    return out


def running_sentences(edition: Edition, discipline: str, lang: str = "en") -> list[str]:
    """What readability measures: every running sentence, names and numbers made one word."""
    return [s.measured() for b in blocks(edition, discipline, lang) for s in b.sentences]


def _contacts(m: dict) -> Markup:
    items = []
    for c in national.contacts():
        ways = render.contact_ways(
            c,
            m["call"],
            lambda code: Markup(m["text"]).format(
                code=Markup("<strong>{}</strong>").format(render.sms_link(code, "{code}"))
            ),
        )
        items.append(
            Markup("<li><strong>{}</strong>: {}.{}</li>").format(
                c.name, Markup(", ").join(ways), Markup(" {}").format(m["spanish"]) if c.spanish else ""
            )
        )
    return Markup('<ul class="explainer-contacts">{}</ul>').format(Markup("").join(items))


def agency_name(edition: Edition) -> str:
    """A local edition fills the agency blank with its task force; others leave it blank."""
    return edition.task_force or ""


def page_html(edition: Edition, discipline: str, lang: str = "en", heading: str = "h1") -> Markup:
    """One discipline's explainer: title, role, blanks for name and agency, the parts, help and the notice."""
    cat = messages(lang)
    m = cat["survivor"]
    sub = "h2" if heading == "h1" else "h3"
    parts = [
        Markup('<p class="explainer-kicker">{}</p><{h} class="explainer-title">{}</{h}>').format(
            m["kicker"], m["title"], h=heading
        )
    ]
    if lang != "en":
        parts.append(translation_note(lang, "survivor"))
    agency = agency_name(edition)
    parts.append(
        Markup(
            '<p class="explainer-blanks"><span>{}: <span class="blank"></span></span> <span>{}: {}</span></p>'
        ).format(
            m["blank_name"],
            m["blank_agency"],
            Markup("<strong>{}</strong>").format(agency) if agency else Markup('<span class="blank"></span>'),
        )
    )
    for b in blocks(edition, discipline, lang):
        text = Markup(" ").join(Markup("{}").format(s.text()) for s in b.sentences)
        if b.heading:
            parts.append(Markup('<{0} class="explainer-part">{1}</{0}><p>{2}</p>').format(sub, b.heading, text))
        else:  # the lead: who I am (the PDF's bookmark for the page), then why this sheet
            first, rest = b.sentences[0], b.sentences[1:]
            parts.append(Markup('<p class="explainer-role"><strong>{}</strong></p>').format(first.text()))
            if rest:
                parts.append(
                    Markup('<p class="explainer-lead">{}</p>').format(
                        Markup(" ").join(Markup("{}").format(s.text()) for s in rest)
                    )
                )
    parts.append(
        Markup('<{0} class="explainer-part">{1}</{0}>{2}<p>{3}</p>').format(
            sub, m["help_heading"], _contacts(m), m["interpreter"]
        )
    )
    parts.append(Markup('<p class="explainer-notice"><strong>{}</strong></p>').format(m["notice"]))
    return Markup('<div class="explainer" lang="{}">{}</div>').format(lang, Markup("").join(parts))


def translation_note(lang: str, part: str) -> Markup:
    """An unreviewed translation says so; one whose English changed since says that too."""
    from ecmguide.outputs import translations

    notes = [unreviewed_notice(lang)] if unreviewed_notice(lang) else []
    if translations.behind(lang, part):
        notes.append(messages(lang)["behind"])
    return Markup('<p class="translation-note">{}</p>').format(" ".join(notes)) if notes else Markup("")


QUICK_EXIT = {"en": "Leave this page now", "es": "Salir de esta página ya"}


OTHER_LANGUAGE = {"en": ("es", "En español"), "es": ("en", "In English")}


def web_page(edition: Edition, discipline: str, lang: str = "en") -> Markup:
    """The web page: a quick-exit link first (it goes to a blank page, asking nothing of any other site), then
    the same page in the other language."""
    other, label = OTHER_LANGUAGE[lang]
    href = f"../../{discipline}/" if lang == "es" else f"../es/{discipline}/"  # survivors/<d>/ <-> survivors/es/<d>/
    switch = Markup('<p class="survivor-language"><a href="{}" hreflang="{}" lang="{}">{}</a></p>').format(
        href, other, other, label
    )
    if edition.lang != "en":  # a Spanish edition's pages switch language with the edition's own switcher
        switch = Markup("")
    return Markup(
        '<p class="quick-exit-bar"><a class="quick-exit" href="about:blank" data-quick-exit lang="{}">{}</a></p>{}{}'
    ).format(lang, QUICK_EXIT[lang], switch, page_html(edition, discipline, lang))


def index_html(edition: Edition, page_url: str) -> Markup:
    """The survivors' section: each discipline's page in each language, and the printed versions."""
    rows = []
    for d in schema.DISCIPLINES:
        en = render.page_link(f"survivors/{d}.md", page_url)
        es = render.page_link(f"survivors/es/{d}.md", page_url)
        rows.append(
            Markup('<li><a href="{}">{}</a> · <a href="{}" lang="es" hreflang="es">{}</a></li>').format(
                en, schema.DISCIPLINE_TITLES[d], es, messages("es")["survivor"]["role"][d]
            )
        )
    return Markup('<ul class="survivor-index">{}</ul>').format(Markup("").join(rows))
