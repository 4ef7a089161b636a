"""The overlay and manifest schema, defined once.

Validation (validate.py), the editor JSON Schema and the field reference page for legal staff
(schema_docs.py) are all generated from the declarations below.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

STATUSES = ("in_force", "not_enacted", "none_found", "unknown")
RECORDED = ("in_force", "not_enacted")  # statuses that carry a citation, a summary and a source
CHECKED_AGAINST = ("official_text", "secondary")
CONFIDENCE = ("high", "medium", "low")
KINDS = ("federal", "state", "district", "territory", "local")
DISCIPLINES = ("advocates", "law-enforcement", "prosecutors", "healthcare", "civil-attorneys")
DISCIPLINE_TITLES = {
    "advocates": "Community-based caseworkers and advocates",
    "law-enforcement": "Law enforcement",
    "prosecutors": "Prosecutors",
    "healthcare": "Healthcare professionals",
    "civil-attorneys": "Civil attorneys",
}
# What each status means, for legal staff (field reference) and readers (pages, PDFs, compare, coverage).
STATUS_DOCS = {
    "in_force": "the law exists and is described here, with its citation and the page read.",
    "not_enacted": "a source (the code itself, or an authoritative secondary source) says the jurisdiction has no "
    "such law; cite that source.",
    "none_found": "the official code and the usual compilations were searched and nothing was found, but no source "
    "says there is none; record what was searched and when under `searched`.",
    "unknown": "not yet researched, or the text could not be read. Never a guess.",
}
# Each status in a reader's words (pages, PDFs, compare; coverage writes them in lower case).
STATUS_WORDS = {
    "in_force": "In force",
    "not_enacted": "No such law (a source says so)",
    "none_found": "Searched, none found",
    "unknown": "Not yet researched",
}
TRISTATE = (True, False, "conditional")
# The languages an edition may be published in: English always, and each other language whose whole guide
# exists (docs/<lang>/ and ecmguide/data/messages/<lang>.yml). An edition opts in with `languages: [en, es]`.
LANGUAGES = ("en", "es")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # str | label | text | url | date | bool | tristate | enum | code | codes | urls | strs | color | path | record | records
    doc: str
    example: object = None
    required: bool = False  # for facts: required when the status is in_force or not_enacted
    choices: tuple = ()
    where: str = ""
    fields: tuple["Field", ...] = ()  # for record / records
    statuses: tuple[str, ...] = RECORDED  # for facts: the statuses a fact with this field may have
    public: bool = True  # False: kept in the repository and reports, never printed on a page or in a PDF
    recommended: bool = False  # for facts: a warning (not an error) when missing from an in-force fact
    # How pages, PDFs and the compare page show a topic's own field (declared in ecmguide/data/topics.yml):
    label: str = ""  # "Label: value" on pages and in PDFs; no label, not shown there
    labels: tuple = ()  # (value, words) pairs: the words a reader sees for a value
    strong: bool = False  # the value in bold
    render: str = ""  # a record's renderer (render.RECORDS)
    compare: tuple | None = None  # (key, value) pairs: headline, label, missing, labels; None: not on compare
    qc: bool = False  # a category both coders record (make qc)

    def words(self, value, labels: tuple = ()) -> object:
        """The reader's words for a value (labels given, else the field's own), or the value itself."""
        return dict(labels or self.labels).get(value, value)


_SEARCHED = (
    Field("date", "date", "The day you searched (YYYY-MM-DD).", "2026-11-30", required=True),
    Field(
        "sources",
        "strs",
        "What you searched: the official code site (with the part you looked in) and the "
        "compilations, each as a URL or a short description.",
        [
            "https://statutes.capitol.texas.gov/ (Evidence rules, Family Code ch. 261)",
            "RAINN 'Laws about private communications', Texas page",
        ],
        required=True,
    ),
)
_ATTORNEY_REVIEW = (
    Field(
        "date", "date", "The day the attorney reviewed the fact against the official text.", "2026-11-30", required=True
    ),
    Field("role", "str", "Who reviewed it, by role (no names needed).", "attorney, Texas bar", required=True),
)

_ACT = (
    Field(
        "act",
        "str",
        "The act as the legislature cites it: session law or chapter, with the bill number.",
        "Acts 2025, 89th Leg., R.S., ch. 123 (H.B. 1161)",
        required=True,
    ),
    Field(
        "effective",
        "date",
        "The day it took effect, or takes effect (a date after today: the summary still "
        "describes the law in force today, and limits say what changes on that day).",
        "2025-09-01",
    ),
    Field("sections", "str", "The cited sections it enacted, amended, renumbered or repealed.", "Fam. Code § 261.101"),
    Field(
        "effect",
        "enum",
        "What it did to the cited text.",
        "amended",
        choices=("enacted", "amended", "renumbered", "repealed"),
    ),
)
CURRENCY_STALE_DAYS = 365  # a high fact whose law was checked only through an older date gets a warning
_CURRENT_THROUGH = (
    Field(
        "session",
        "str",
        "The latest legislative session whose acts were checked for changes to the cited "
        "sections, in the legislature's own terms (biennial legislatures have no session every year). Leave the "
        "whole record out when no official session-law source could be reached: pages then say later changes "
        "were not checked.",
        "89th Legislature, 2025 regular session",
    ),
    Field(
        "through",
        "date",
        "The date of the last acts checked (for federal law: the U.S. Code release point or the eCFR date).",
        "2025-06-22",
    ),
    Field("checked_on", "date", "The day the check was made.", "2026-12-07", required=True),
    Field(
        "evidence",
        "strs",
        "What was read: the session-law index, the bill-history search or the code page's "
        "'current through' notice, each as a URL with a few words.",
        ["https://statutes.capitol.texas.gov/ (code page: 'current through the 2025 regular session')"],
        required=True,
    ),
)
# Fields every fact has. "required" means required when the status is in_force or not_enacted.
FACT_FIELDS = (
    Field(
        "status",
        "enum",
        "Whether the law exists: " + "; ".join(f"`{k}`: {v}" for k, v in STATUS_DOCS.items()),
        "in_force",
        choices=STATUSES,
        statuses=STATUSES,
    ),
    Field(
        "citation",
        "citation",
        "The statute, rule or case as a lawyer cites it; a citation of several sections names the main one first.",
        "Cal. Evid. Code § 1035.8",
        required=True,
        where="The official code site of the legislature, or the court's rules.",
    ),
    Field(
        "summary",
        "text",
        "One to three sentences in your own words; never pasted statute text.",
        "Communications with a sexual-assault counselor are privileged; the victim holds the privilege.",
        required=True,
        statuses=RECORDED + ("none_found",),
    ),
    Field(
        "summary_es",
        "text",
        "The summary in Spanish, written from the Spanish official text where the law is "
        "published in Spanish (Puerto Rico); shown on Spanish pages.",
        "Las comunicaciones con una consejera de agresión sexual son privilegiadas.",
        statuses=RECORDED + ("none_found",),
    ),
    Field(
        "source_url",
        "url",
        'The page you actually read to check the fact (the official code site preferred). Shown as "Source".',
        "https://leginfo.legislature.ca.gov/",
        required=True,
    ),
    Field(
        "official_url",
        "url",
        "The official text of the cited section, when it cannot be built from the "
        "citation (e.g. document ids in Louisiana and Kentucky, chapter pages in Connecticut and Vermont, session "
        "laws, court rules published as PDFs). The citation links here.",
        "https://legis.la.gov/Legis/Law.aspx?d=78336",
    ),
    Field(
        "checked_against",
        "enum",
        "What you read: official_text (the statute, rule or constitution on its official "
        "publisher's site, or the official program page of the agency that runs it) or secondary (a compilation, "
        "a commercial copy or a report, even on a government site).",
        "official_text",
        required=True,
        choices=CHECKED_AGAINST,
    ),
    Field(
        "last_reviewed",
        "date",
        "The day you checked this fact against the source you name in source_url (YYYY-MM-DD); nothing else.",
        "2026-11-30",
        required=True,
    ),
    Field(
        "confidence",
        "enum",
        "high: checked against the official text (requires checked_against: official_text "
        "and an official source_url); medium: reliable secondary source; low: inference or partial text.",
        "high",
        choices=CONFIDENCE,
    ),
    Field("effective", "date", "The day the cited text took effect, where the source says.", "2023-09-01"),
    Field(
        "amended_by",
        "records",
        "The acts that enacted, amended, renumbered or repealed the cited text, newest "
        "first, each as the official session laws or the code's history note give it. An act enacted but not yet "
        "in effect goes here with its date.",
        None,
        fields=_ACT,
    ),
    Field(
        "current_through",
        "record",
        "How far the law was checked for later changes: the latest session whose "
        "acts were checked, the date of the last acts, when, and on what evidence. Never stamp a session that "
        "was not checked.",
        None,
        fields=_CURRENT_THROUGH,
    ),
    Field(
        "limits",
        "text",
        'Public: what this entry does not cover or could not confirm (shown to readers as "Limits of this entry").',
        "Only the definitions were read; the exceptions were not checked.",
        statuses=RECORDED + ("none_found",),
    ),
    Field(
        "reviewer_note",
        "text",
        "For maintainers only: never printed on a page or in a PDF, shown in make diff and make coverage.",
        "The 2018 compilation lists 40 training hours; the code now says 30.",
        statuses=STATUSES,
        public=False,
    ),
    Field(
        "attorney_review",
        "record",
        "Filled in by legal staff when an attorney has reviewed the fact.",
        None,
        fields=_ATTORNEY_REVIEW,
    ),
    Field(
        "searched",
        "record",
        "For none_found: what was searched and when.",
        None,
        fields=_SEARCHED,
        statuses=("none_found",),
    ),
    Field("additional_sources", "urls", "Other pages that support the fact.", ["https://example.gov/page"]),
)


@dataclass(frozen=True)
class Slot:
    """One kind of fact a jurisdiction may record, e.g. its duty-to-warn rule (declared in ecmguide/data/topics.yml)."""

    path: str
    title: str
    doc: str
    where: str
    disciplines: tuple[str, ...]
    extra: tuple[Field, ...] = ()
    counted: bool = True  # counted in the coverage report, the compare page and the double-coding sample
    guidance: str = "definitions.md"  # general guidance shown when the fact is not recorded
    rules: tuple[str, ...] = ()  # the category rules both coders apply (field reference, research/qc)
    short: str = ""  # its short name in make coverage
    subject: str = ""  # what the hub says an edition covers ("privilege"); topics may share one
    macro: str = ""  # the macro that lists it on a page of the guide
    next_steps: tuple[str, ...] = ()  # fields (record.field) make coverage counts as next steps
    next_steps_when: tuple[tuple[str, tuple], ...] = ()  # (field, allowed values): which facts can have them
    compare_summary: str = ""  # a sentence after the compare page's counts
    question: str = ""  # the short answer's question, when the message catalog has none
    answer: str = ""  # the short answer when in force, when the message catalog has none

    @property
    def fields(self) -> tuple[Field, ...]:
        return FACT_FIELDS + self.extra


TOPICS_FILE = Path(__file__).resolve().parent.parent / "data" / "topics.yml"
_FIELD_KEYS = {
    "name",
    "kind",
    "doc",
    "example",
    "required",
    "recommended",
    "choices",
    "where",
    "public",
    "statuses",
    "fields",
    "label",
    "labels",
    "strong",
    "render",
    "compare",
    "qc",
}
_TOPIC_KEYS = {
    "path",
    "title",
    "short",
    "doc",
    "where",
    "disciplines",
    "counted",
    "guidance",
    "rules",
    "fields",
    "macro",
    "next_steps",
    "compare_summary",
    "question",
    "answer",
    "subject",
}


def _pairs(mapping) -> tuple:
    return tuple((mapping or {}).items())  # mappings kept hashable in a frozen Field


def _declared_field(d: dict, where: str) -> Field:
    unknown = set(d) - _FIELD_KEYS
    if unknown:
        raise ValueError(f"{TOPICS_FILE.name}: {where}: unknown key(s) {', '.join(sorted(unknown))}")
    compare = d.get("compare")
    return Field(
        d["name"],
        d["kind"],
        d["doc"],
        d.get("example"),
        required=d.get("required", False),
        choices=tuple(d.get("choices", ())),
        where=d.get("where", ""),
        fields=tuple(_declared_field(x, f"{where}.{d['name']}") for x in d.get("fields", ())),
        statuses=tuple(d.get("statuses", RECORDED)),
        public=d.get("public", True),
        recommended=d.get("recommended", False),
        label=d.get("label", ""),
        labels=_pairs(d.get("labels")),
        strong=d.get("strong", False),
        render=d.get("render", ""),
        qc=d.get("qc", False),
        compare=None if compare is None else _pairs({**compare, "labels": _pairs(compare.get("labels"))}),
    )


def _declared_topic(d: dict) -> Slot:
    unknown = set(d) - _TOPIC_KEYS
    if unknown:
        raise ValueError(f"{TOPICS_FILE.name}: topic {d.get('path')}: unknown key(s) {', '.join(sorted(unknown))}")
    bad = [x for x in d["disciplines"] if x not in DISCIPLINES]
    if bad:
        raise ValueError(
            f"{TOPICS_FILE.name}: topic {d['path']}: unknown discipline(s) {', '.join(bad)}; "
            f"use {', '.join(DISCIPLINES)}"
        )
    steps = d.get("next_steps") or {}
    return Slot(
        d["path"],
        d["title"],
        d["doc"],
        d["where"],
        tuple(d["disciplines"]),
        extra=tuple(_declared_field(f, d["path"]) for f in d.get("fields", ())),
        counted=d.get("counted", True),
        guidance=d.get("guidance", "definitions.md"),
        rules=tuple(d.get("rules", ())),
        short=d["short"],
        subject=d.get("subject", ""),
        macro=d.get("macro", ""),
        next_steps=tuple(steps.get("fields", ())),
        next_steps_when=tuple((k, tuple(v)) for k, v in (steps.get("when") or {}).items()),
        compare_summary=d.get("compare_summary", ""),
        question=d.get("question", ""),
        answer=d.get("answer", ""),
    )


def _load_topics() -> tuple[dict, tuple[Slot, ...]]:
    # Trusted package data (not an overlay): plain safe_load, whose anchors let a shared rule be written once.
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    return data.get("macros") or {}, tuple(_declared_topic(t) for t in data["topics"])


MACROS, SLOTS = _load_topics()  # at import, so workers forked from the preloaded server see them
SLOTS_BY_PATH = {s.path: s for s in SLOTS}
SECTIONS = tuple(dict.fromkeys(s.path.split(".", 1)[0] for s in SLOTS if "." in s.path))  # groups of slots


def subjects() -> str:
    """The topics' subjects in a sentence: "privilege, mandated reporting ... and victims' rights"."""
    names = list(dict.fromkeys(s.subject for s in SLOTS if s.subject))
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


def topic_macros() -> dict[str, list[str]]:
    """Each macro the guide's pages call (privilege_list() ...) and the topics it lists, in declared order."""
    out: dict[str, list[str]] = {}
    for s in SLOTS:
        if s.macro:
            out.setdefault(s.macro, []).append(s.path)
    return out


QC_CATEGORIES = ("status", *dict.fromkeys(f.name for s in SLOTS for f in s.extra if f.qc))

# Federal authorities the guide cites in every edition (overlays/us.yml only).
FEDERAL_AUTHORITIES = {
    "vawa_confidentiality": "VAWA confidentiality provision",
    "vawa_pii": "VAWA definition of personally identifying information",
    "ovc_confidentiality": "OVC anti-trafficking grantee confidentiality condition",
    "hipaa_privacy_rule": "HIPAA Privacy Rule",
    "hipaa_law_enforcement": "HIPAA disclosures for law-enforcement purposes",
    "hipaa_serious_threat": "HIPAA disclosures to avert a serious threat",
    "hipaa_abuse_reporting": "HIPAA disclosures about victims of abuse, neglect or domestic violence",
    "fre_501": "Federal Rule of Evidence 501",
    "brady": "Brady v. Maryland",
    "giglio": "Giglio v. United States",
    "grand_jury_secrecy": "Grand-jury secrecy",
    "cvra": "Crime Victims' Rights Act",
}

OVERLAY_TOP = (
    Field("code", "code", "Lowercase USPS code; must match the file name.", "ca", required=True),
    Field("name", "label", "The jurisdiction's name as used in headings.", "California", required=True),
    Field("kind", "enum", "federal, state, district, territory, or local.", "state", required=True, choices=KINDS),
    Field("parent", "code", "For a local layer: the state it refines.", "ca"),
)

_PERSON = (
    Field("name", "str", "Name or role.", "Task force coordinator", required=True),
    Field("email", "email", "One e-mail address.", "coordinator@example.org"),
    Field("phone", "phone", "Phone number with its area code.", "(916) 555-0100"),
)
_HOTLINE = (
    Field("label", "str", "What the line is for.", "24-hour trafficking hotline", required=True),
    Field(
        "number",
        "phone",
        "The number to call, with its area code (a vanity spelling goes in the label).",
        "1-888-373-7888",
        required=True,
    ),
    Field("sms", "sms", "An SMS short code to text, digits only (a number that takes texts goes in number).", "233733"),
    Field("hours", "str", "When it is staffed.", "24 hours"),
)
NATIONAL_CONTACT = (  # ecmguide/data/national-contacts.yml: printed on every handout, validated like facts
    Field(
        "name",
        "label",
        "The line's name, as its publisher writes it.",
        "National Human Trafficking Hotline",
        required=True,
    ),
    Field("for", "str", "Who it is for, in a few plain words.", "anyone with a tip or who needs help", required=True),
    Field("number", "phone", "The number to call, as the publisher's page prints it.", "1-888-373-7888"),
    Field("dial", "sms", "A short dialing code, digits only, as the page prints it (linked as tel:).", "988"),
    Field("sms", "sms", "An SMS short code to text, digits only.", "233733"),
    Field(
        "languages",
        "str",
        "The languages the page says the line offers, in its words.",
        "English, Spanish and more than 200 other languages through interpreters",
    ),
    Field("spanish", "bool", "true only if the publisher's page says the line serves callers in Spanish.", True),
    Field(
        "source_url",
        "https",
        "The publisher's own page the values were read on.",
        "https://humantraffickinghotline.org/about-us/what-we-do",
        required=True,
    ),
    Field("last_reviewed", "date", "The day that page was read.", "2026-12-07", required=True),
    Field(
        "note",
        "text",
        "For maintainers: how the page was read and what to check next (not printed).",
        "Read in a saved copy of the page.",
        public=False,
    ),
)
_PAGE = (
    Field("title", "label", "The page title in the navigation.", "Local resources", required=True),
    Field("file", "path", "Markdown file inside jurisdictions/<edition>/.", "local-resources.md", required=True),
)
MANIFEST = (
    Field(
        "code",
        "code",
        "Edition code; must match the file name. Also the site folder: site/<code>/.",
        "ca",
        required=True,
    ),
    Field("overlays", "codes", "Overlays layered in order, most general first.", ["us", "ca"], required=True),
    Field(
        "title",
        "label",
        "Site title, jurisdiction first so a phone's narrow header still shows it.",
        "California: ECM Guide to Confidentiality and Information Sharing",
    ),
    Field("edition_date", "date", "Date printed on the PDFs and used as their creation date.", "2026-11-25"),
    Field("site_url", "https", "Where the edition is published.", "https://example.org/ca/"),
    Field("example", "bool", "true for a sample edition with placeholder contacts.", False),
    Field(
        "task_force",
        "record",
        "The task force publishing this edition.",
        None,
        fields=(
            Field("name", "label", "Task force name.", "Example County Human Trafficking Task Force", required=True),
            Field("coordinator", "record", "Who to contact about the task force.", None, fields=_PERSON),
            Field("hotlines", "records", "Hotlines and 24-hour lines.", None, fields=_HOTLINE),
        ),
    ),
    Field(
        "links",
        "record",
        "Local agreements.",
        None,
        fields=(
            Field("mou", "https", "The task force's memorandum of understanding.", "https://example.org/mou.pdf"),
            Field(
                "protocol",
                "https",
                "The confidentiality and information-sharing protocol.",
                "https://example.org/protocol.pdf",
            ),
        ),
    ),
    Field(
        "branding",
        "record",
        "Look of the site.",
        None,
        fields=(
            Field("primary_color", "color", "Header colour as #rrggbb; must keep white text readable.", "#1f4e79"),
            Field("logo", "path", "Image file (.png, .jpg or .webp) inside jurisdictions/<edition>/.", "logo.png"),
        ),
    ),
    Field("extra_pages", "records", "Optional local pages added to the navigation.", None, fields=_PAGE),
    Field(
        "languages",
        "languages",
        "The languages the whole guide is published in for this edition, English "
        "first. Each other language is its own linked edition, <code>-<language> (e.g. pr-es), built from "
        "docs/<language>/, published beside this one and listed on the hub.",
        ["en", "es"],
    ),
)
