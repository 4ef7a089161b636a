"""The overlay and manifest schema, defined once.

Validation (validate.py), the editor JSON Schema and the field reference page for legal staff
(schema_docs.py) are all generated from the declarations below.
"""
from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("in_force", "not_enacted", "unknown")
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


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # str | label | text | url | date | bool | enum | code | codes | urls | strs | color | path | record | records
    doc: str
    example: object = None
    required: bool = False
    choices: tuple = ()
    where: str = ""
    fields: tuple["Field", ...] = ()  # for record / records


# Fields every fact has. "required" means required unless status is unknown.
FACT_FIELDS = (
    Field("status", "enum", "Whether the law exists: in_force, not_enacted (a source says there is none), or unknown.",
          "in_force", choices=STATUSES),
    Field("citation", "str", "The statute, rule or case as a lawyer cites it.", "Cal. Evid. Code § 1035.8", required=True,
          where="The official code site of the legislature, or the court's rules."),
    Field("summary", "text", "One to three sentences in your own words; never pasted statute text.",
          "Communications with a sexual-assault counselor are privileged; the victim holds the privilege.", required=True),
    Field("source_url", "url", "The page you read to check the fact (official code site preferred).",
          "https://leginfo.legislature.ca.gov/", required=True),
    Field("last_reviewed", "date", "The day you last checked the fact against the source (YYYY-MM-DD).", "2026-11-25",
          required=True),
    Field("confidence", "enum", "high: official code text; medium: reliable secondary source; low: inference.",
          "high", choices=CONFIDENCE),
    Field("note", "text", "Where sources disagree, a source is older than 2022, or enactment is unconfirmed.",
          "The 2018 compilation lists 40 training hours; the code now says 30."),
    Field("additional_sources", "urls", "Other pages that support the fact.", ["https://example.gov/page"]),
)


@dataclass(frozen=True)
class Slot:
    """One kind of fact a jurisdiction may record, e.g. its duty-to-warn rule."""
    path: str
    title: str
    doc: str
    where: str
    disciplines: tuple[str, ...]
    extra: tuple[Field, ...] = ()
    counted: bool = True  # counted in the coverage report
    guidance: str = "definitions.md"  # general guidance shown when the fact is not recorded

    @property
    def fields(self) -> tuple[Field, ...]:
        return FACT_FIELDS + self.extra


SLOTS = (
    Slot("privileges.dv_advocate", "Domestic-violence advocate privilege",
         "Privilege or confidentiality statute for communications with a domestic-violence advocate or counselor.",
         "The evidence code or DV program statute; RAINN and WCL state compilations.", ("advocates",),
         guidance="definitions.md#privilege"),
    Slot("privileges.sa_counselor", "Sexual-assault counselor privilege",
         "Privilege for communications with a sexual-assault counselor or rape-crisis advocate.",
         "The evidence code; RAINN 'Laws about private communications'.", ("advocates",),
         guidance="definitions.md#privilege"),
    Slot("privileges.ht_caseworker", "Human-trafficking caseworker privilege",
         "Privilege for communications with a human-trafficking caseworker (e.g. Cal. Evid. Code §§ 1038-1038.3).",
         "The evidence code; the CAST national survey of privileged communications.", ("advocates",),
         guidance="definitions.md#privilege"),
    Slot("privileges.psychotherapist", "Psychotherapist-patient privilege",
         "Privilege for communications with a psychotherapist, psychologist or licensed counselor.",
         "The evidence code or rules of evidence (often Rule 503).", ("healthcare",),
         guidance="definitions.md#privilege"),
    Slot("privileges.physician", "Physician-patient privilege",
         "Privilege for communications with a physician. Some jurisdictions have none: record not_enacted with a source.",
         "The evidence code or rules of evidence.", ("healthcare",), guidance="definitions.md#privilege"),
    Slot("privileges.attorney_client", "Attorney-client privilege",
         "The attorney-client privilege as the jurisdiction's evidence law states it.",
         "The evidence code or rules of evidence (often Rule 502).", ("civil-attorneys",),
         guidance="definitions.md#privilege"),
    Slot("mandated_reporting.child", "Child-abuse reporting",
         "Who must report suspected child abuse or neglect, and whether trafficking is named.",
         "Child Welfare Information Gateway, 'Mandatory Reporters of Child Abuse and Neglect'.",
         ("advocates", "healthcare"),
         extra=(Field("universal", "bool", "true if every person must report; false if only listed professions.", True),
                Field("professions", "strs", "Short list of the professions named, when the duty is not universal.",
                      ["physicians", "teachers", "social workers"]),
                Field("trafficking_expressly_covered", "bool", "true if the reporting law names human trafficking.", True)),
         guidance="definitions.md#mandated-reporting"),
    Slot("mandated_reporting.vulnerable_adult", "Vulnerable-adult and elder-abuse reporting",
         "Who must report abuse of elders or vulnerable adults.",
         "The adult protective services statute.", ("advocates", "healthcare"),
         extra=(Field("universal", "bool", "true if every person must report.", False),),
         guidance="definitions.md#mandated-reporting"),
    Slot("mandated_reporting.attorneys", "Attorneys as mandated reporters",
         "Whether attorneys must report child abuse, and how privilege limits that.",
         "The child-abuse reporting statute's list of reporters and its privilege section.", ("civil-attorneys",),
         extra=(Field("attorneys_report", "enum", "required, not_required, or limited (e.g. privileged information exempt).",
                      "not_required", choices=("required", "not_required", "limited")),),
         guidance="definitions.md#mandated-reporting"),
    Slot("duty_to_warn", "Duty to warn or protect",
         "Whether mental-health professionals must, may, or need not warn of a client's threat of violence.",
         "NCSL 'Mental Health Professionals' Duty to Warn' chart, then the statute or case.", ("healthcare",),
         extra=(Field("rule", "enum", "mandatory, permissive, or none.", "permissive",
                      choices=("mandatory", "permissive", "none")),),
         guidance="definitions.md#duty-to-warn"),
    Slot("address_confidentiality", "Address Confidentiality Program",
         "The program that gives survivors a substitute address.",
         "The Secretary of State's or Attorney General's program page and the enabling statute.", ("law-enforcement",),
         extra=(Field("program_name", "str", "The program's name as the agency uses it.", "Safe at Home"),
                Field("agency", "str", "The agency that runs it.", "Secretary of State"),
                Field("trafficking_victims_qualify", "bool", "true if trafficking victims are expressly eligible.", True),
                Field("phone", "str", "A phone number seen on the official page.", "1-800-000-0000"),
                Field("website", "url", "The program's official page.", "https://www.sos.ca.gov/registries/safe-home")),
         guidance="disciplines/law-enforcement.md"),
    Slot("victims_rights", "Crime victims' rights",
         "The constitutional or statutory rights of crime victims, including privacy and notice.",
         "The state constitution and the victims' bill of rights statute.", ("law-enforcement", "prosecutors"),
         extra=(Field("constitutional", "bool", "true if the constitution has a victims' rights amendment.", True),),
         guidance="disciplines/prosecutors.md"),
    Slot("victim_identity", "Sealing, vacatur and pseudonym rules",
         "Rules that protect a victim's identity in court: pseudonyms, sealing, vacatur of trafficking-related records.",
         "The criminal procedure code and court rules.", ("prosecutors",), counted=False,
         guidance="disciplines/prosecutors.md"),
)
SLOTS_BY_PATH = {s.path: s for s in SLOTS}
SECTIONS = ("privileges", "mandated_reporting")  # groups of slots; the rest are top-level slots

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
    Field("email", "str", "Email address.", "coordinator@example.org"),
    Field("phone", "str", "Phone number.", "555-0100"),
)
_HOTLINE = (
    Field("label", "str", "What the line is for.", "24-hour trafficking hotline", required=True),
    Field("number", "str", "The number to call or text.", "1-888-373-7888", required=True),
    Field("hours", "str", "When it is staffed.", "24 hours"),
)
_PAGE = (
    Field("title", "label", "The page title in the navigation.", "Local resources", required=True),
    Field("file", "path", "Markdown file inside jurisdictions/<edition>/.", "local-resources.md", required=True),
)
MANIFEST = (
    Field("code", "code", "Edition code; must match the file name. Also the site folder: site/<code>/.", "ca", required=True),
    Field("overlays", "codes", "Overlays layered in order, most general first.", ["us", "ca"], required=True),
    Field("title", "label", "Site title.", "ECM Guide to Confidentiality and Information Sharing: California"),
    Field("edition_date", "date", "Date printed on the PDFs and used as their creation date.", "2026-11-25"),
    Field("site_url", "url", "Where the edition is published.", "https://example.org/ca/"),
    Field("example", "bool", "true for a sample edition with placeholder contacts.", False),
    Field("task_force", "record", "The task force publishing this edition.", None, fields=(
        Field("name", "label", "Task force name.", "Example County Human Trafficking Task Force", required=True),
        Field("coordinator", "record", "Who to contact about the task force.", None, fields=_PERSON),
        Field("hotlines", "records", "Hotlines and 24-hour lines.", None, fields=_HOTLINE),
    )),
    Field("links", "record", "Local agreements.", None, fields=(
        Field("mou", "url", "The task force's memorandum of understanding.", "https://example.org/mou.pdf"),
        Field("protocol", "url", "The confidentiality and information-sharing protocol.", "https://example.org/protocol.pdf"),
    )),
    Field("branding", "record", "Look of the site.", None, fields=(
        Field("primary_color", "color", "Header colour as #rrggbb; must keep white text readable.", "#1f4e79"),
        Field("logo", "path", "Image file (.png, .jpg or .webp) inside jurisdictions/<edition>/.", "logo.png"),
    )),
    Field("extra_pages", "records", "Optional local pages added to the navigation.", None, fields=_PAGE),
)
