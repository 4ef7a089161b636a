"""The overlay and manifest schema, defined once.

Validation (validate.py), the editor JSON Schema and the field reference page for legal staff
(schema_docs.py) are all generated from the declarations below.
"""
from __future__ import annotations

from dataclasses import dataclass

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


_SEARCHED = (
    Field("date", "date", "The day you searched (YYYY-MM-DD).", "2026-11-30", required=True),
    Field("sources", "strs", "What you searched: the official code site (with the part you looked in) and the "
          "compilations, each as a URL or a short description.",
          ["https://statutes.capitol.texas.gov/ (Evidence rules, Family Code ch. 261)",
           "RAINN 'Laws about private communications', Texas page"], required=True),
)
_ATTORNEY_REVIEW = (
    Field("date", "date", "The day the attorney reviewed the fact against the official text.", "2026-11-30",
          required=True),
    Field("role", "str", "Who reviewed it, by role (no names needed).", "attorney, Texas bar", required=True),
)

_ACT = (
    Field("act", "str", "The act as the legislature cites it: session law or chapter, with the bill number.",
          "Acts 2025, 89th Leg., R.S., ch. 123 (H.B. 1161)", required=True),
    Field("effective", "date", "The day it took effect, or takes effect (a date after today: the summary still "
          "describes the law in force today, and limits say what changes on that day).", "2025-09-01"),
    Field("sections", "str", "The cited sections it enacted, amended, renumbered or repealed.", "Fam. Code § 261.101"),
    Field("effect", "enum", "What it did to the cited text.", "amended",
          choices=("enacted", "amended", "renumbered", "repealed")),
)
CURRENCY_STALE_DAYS = 365  # a high fact whose law was checked only through an older date gets a warning
_CURRENT_THROUGH = (
    Field("session", "str", "The latest legislative session whose acts were checked for changes to the cited "
          "sections, in the legislature's own terms (biennial legislatures have no session every year). Leave the "
          "whole record out when no official session-law source could be reached: pages then say later changes "
          "were not checked.", "89th Legislature, 2025 regular session"),
    Field("through", "date", "The date of the last acts checked (for federal law: the U.S. Code release point or "
          "the eCFR date).", "2025-06-22"),
    Field("checked_on", "date", "The day the check was made.", "2026-12-07", required=True),
    Field("evidence", "strs", "What was read: the session-law index, the bill-history search or the code page's "
          "'current through' notice, each as a URL with a few words.",
          ["https://statutes.capitol.texas.gov/ (code page: 'current through the 2025 regular session')"],
          required=True),
)
_REPORT = (
    Field("agency", "str", "Who takes reports, as the agency names itself.", "Texas Department of Family and "
          "Protective Services", required=True),
    Field("phone", "phone", "The reporting line, as the agency's page gives it.", "1-800-252-5400"),
    Field("url", "https", "The agency's page for making a report online.", "https://www.txabusehotline.org/"),
    Field("deadline", "str", "How soon a report is due, in the statute's terms.", "within 48 hours"),
    Field("deadline_citation", "citation", "The section that sets the deadline.", "Tex. Fam. Code § 261.101(b)"),
    Field("source_url", "url", "The official agency page the agency, phone and address were read on.",
          "https://www.dfps.texas.gov/Contact_Us/report_abuse.asp", required=True),
    Field("last_reviewed", "date", "The day that page was read.", "2026-12-07", required=True),
    Field("saved_copy", "bool", "true when the page was read in a saved copy (an archive or stored copy), not on "
          "the live site; pages then say so.", False),
)
_APPLY = (
    Field("how", "text", "How a survivor applies, in a few plain steps, as the program's page says.",
          "Apply with an application assistant at a participating agency; the assistant sends the application.",
          required=True),
    Field("through", "enum", "self: the survivor applies directly; application_assistant: through a trained "
          "assistant at a designated agency; advocate: through a victim advocate.", "application_assistant",
          choices=("self", "application_assistant", "advocate"), required=True),
    Field("source_url", "url", "The official program page this was read on.",
          "https://www.sos.ca.gov/registries/safe-home/applicants/", required=True),
    Field("last_reviewed", "date", "The day that page was read.", "2026-12-07", required=True),
    Field("saved_copy", "bool", "true when the page was read in a saved copy (an archive or stored copy), not on "
          "the live site; pages then say so.", False),
)

# Fields every fact has. "required" means required when the status is in_force or not_enacted.
FACT_FIELDS = (
    Field("status", "enum", "Whether the law exists: " + "; ".join(f"`{k}`: {v}" for k, v in STATUS_DOCS.items()),
          "in_force", choices=STATUSES, statuses=STATUSES),
    Field("citation", "citation", "The statute, rule or case as a lawyer cites it; a citation of several sections names "
          "the main one first.", "Cal. Evid. Code § 1035.8", required=True,
          where="The official code site of the legislature, or the court's rules."),
    Field("summary", "text", "One to three sentences in your own words; never pasted statute text.",
          "Communications with a sexual-assault counselor are privileged; the victim holds the privilege.", required=True,
          statuses=RECORDED + ("none_found",)),
    Field("summary_es", "text", "The summary in Spanish, written from the Spanish official text where the law is "
          "published in Spanish (Puerto Rico); shown on Spanish pages.",
          "Las comunicaciones con una consejera de agresión sexual son privilegiadas.",
          statuses=RECORDED + ("none_found",)),
    Field("source_url", "url", "The page you actually read to check the fact (the official code site preferred). "
          "Shown as \"Source\".", "https://leginfo.legislature.ca.gov/", required=True),
    Field("official_url", "url", "The official text of the cited section, when it cannot be built from the "
          "citation (e.g. document ids in Louisiana and Kentucky, chapter pages in Connecticut and Vermont, session "
          "laws, court rules published as PDFs). The citation links here.",
          "https://legis.la.gov/Legis/Law.aspx?d=78336"),
    Field("checked_against", "enum", "What you read: official_text (the statute, rule or constitution on its official "
          "publisher's site, or the official program page of the agency that runs it) or secondary (a compilation, "
          "a commercial copy or a report, even on a government site).", "official_text", required=True,
          choices=CHECKED_AGAINST),
    Field("last_reviewed", "date", "The day you checked this fact against the source you name in source_url "
          "(YYYY-MM-DD); nothing else.", "2026-11-30", required=True),
    Field("confidence", "enum", "high: checked against the official text (requires checked_against: official_text "
          "and an official source_url); medium: reliable secondary source; low: inference or partial text.",
          "high", choices=CONFIDENCE),
    Field("effective", "date", "The day the cited text took effect, where the source says.", "2023-09-01"),
    Field("amended_by", "records", "The acts that enacted, amended, renumbered or repealed the cited text, newest "
          "first, each as the official session laws or the code's history note give it. An act enacted but not yet "
          "in effect goes here with its date.", None, fields=_ACT),
    Field("current_through", "record", "How far the law was checked for later changes: the latest session whose "
          "acts were checked, the date of the last acts, when, and on what evidence. Never stamp a session that "
          "was not checked.", None, fields=_CURRENT_THROUGH),
    Field("limits", "text", "Public: what this entry does not cover or could not confirm (shown to readers as "
          "\"Limits of this entry\").", "Only the definitions were read; the exceptions were not checked.",
          statuses=RECORDED + ("none_found",)),
    Field("reviewer_note", "text", "For maintainers only: never printed on a page or in a PDF, shown in make diff "
          "and make coverage.", "The 2018 compilation lists 40 training hours; the code now says 30.",
          statuses=STATUSES, public=False),
    Field("attorney_review", "record", "Filled in by legal staff when an attorney has reviewed the fact.", None,
          fields=_ATTORNEY_REVIEW),
    Field("searched", "record", "For none_found: what was searched and when.", None, fields=_SEARCHED,
          statuses=("none_found",)),
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
    rules: tuple[str, ...] = ()  # the category rules both coders apply (field reference, research/qc)

    @property
    def fields(self) -> tuple[Field, ...]:
        return FACT_FIELDS + self.extra


_PRIVILEGE_RULE = ("`in_force` when a statute or rule of evidence protects these communications from compelled "
                   "disclosure (a testimonial privilege) or makes them confidential by statute. The summary says which "
                   "(privilege, or confidentiality only) and who holds it.")
_UNIVERSAL_DOC = ("true: any person must report on the same standard as professionals; conditional: an any-person "
                  "duty that is narrower (only on actual knowledge, or only for some harms), with the condition in "
                  "`condition`; false: only listed professions must report.")

SLOTS = (
    Slot("privileges.dv_advocate", "Domestic-violence advocate privilege",
         "Privilege or confidentiality statute for communications with a domestic-violence advocate or counselor.",
         "The evidence code or DV program statute; RAINN and WCL state compilations.", ("advocates",),
         guidance="definitions.md#privilege", rules=(_PRIVILEGE_RULE,)),
    Slot("privileges.sa_counselor", "Sexual-assault counselor privilege",
         "Privilege for communications with a sexual-assault counselor or rape-crisis advocate.",
         "The evidence code; RAINN 'Laws about private communications'.", ("advocates",),
         guidance="definitions.md#privilege", rules=(_PRIVILEGE_RULE,)),
    Slot("privileges.ht_caseworker", "Human-trafficking caseworker privilege",
         "Privilege for communications with a human-trafficking caseworker (e.g. Cal. Evid. Code §§ 1038-1038.3).",
         "The evidence code; the CAST national survey of privileged communications.", ("advocates",),
         guidance="definitions.md#privilege",
         rules=(_PRIVILEGE_RULE, "`in_force` only when the protection reaches a human-trafficking victim's "
                "communications with a caseworker or advocate: the statute names human trafficking (victims, "
                "caseworkers or counselors), or it covers victims of any crime. A privilege for domestic-violence "
                "or sexual-assault victims only does not count here.")),
    Slot("privileges.psychotherapist", "Psychotherapist-patient privilege",
         "Privilege for communications with a psychotherapist, psychologist or licensed counselor.",
         "The evidence code or rules of evidence (often Rule 503).", ("healthcare",),
         guidance="definitions.md#privilege", rules=(_PRIVILEGE_RULE,)),
    Slot("privileges.physician", "Physician-patient privilege",
         "Privilege for communications with a physician. Some jurisdictions have none: record not_enacted with a source.",
         "The evidence code or rules of evidence.", ("healthcare",), guidance="definitions.md#privilege",
         rules=(_PRIVILEGE_RULE, "Where a source says the jurisdiction has no physician privilege, record "
                "`not_enacted` and cite that source.")),
    Slot("privileges.attorney_client", "Attorney-client privilege",
         "The attorney-client privilege as the jurisdiction's evidence law states it.",
         "The evidence code or rules of evidence (often Rule 502).", ("civil-attorneys",),
         guidance="definitions.md#privilege", rules=(_PRIVILEGE_RULE,)),
    Slot("mandated_reporting.child", "Child-abuse reporting",
         "Who must report suspected child abuse or neglect, and whether trafficking is named.",
         "The state's child-abuse reporting statute; the Child Welfare Information Gateway's 'Mandatory Reporters of "
         "Child Abuse and Neglect' helps find it (its date is the oldest the fact can be).",
         ("advocates", "healthcare"),
         extra=(Field("universal", "tristate", _UNIVERSAL_DOC, True, required=True, choices=TRISTATE),
                Field("condition", "text", "When universal is conditional: the condition, e.g. \"only on actual "
                      "knowledge of sexual abuse\".", "only when the person knows of sexual abuse"),
                Field("professions", "strs", "Short list of the professions named, when the duty is not universal.",
                      ["physicians", "teachers", "social workers"]),
                Field("clergy_report", "enum", "required: clergy are named reporters, or the duty is universal with no "
                      "clergy exemption; limited: reporters, but confessional communications are exempt; "
                      "not_required: not reporters.", "limited", choices=("required", "limited", "not_required"),
                      recommended=True),
                Field("trafficking_expressly_covered", "bool", "true if the reporting law, or the definitions it uses, "
                      "names human trafficking as abuse or neglect.", True),
                Field("report", "record", "Where and how to report: the agency, its line and page, and the "
                      "deadline with the section that sets it, read on the agency's official page.", None,
                      fields=_REPORT)),
         guidance="definitions.md#mandated-reporting",
         rules=("`universal`: " + _UNIVERSAL_DOC,
                "`clergy_report`: read the reporter list and any clergy-penitent exception; a universal duty with no "
                "clergy exemption makes clergy reporters.",
                "`trafficking_expressly_covered`: true only when the statute's own words name trafficking.")),
    Slot("mandated_reporting.vulnerable_adult", "Vulnerable-adult and elder-abuse reporting",
         "Who must report abuse of elders or vulnerable adults.",
         "The adult protective services statute.", ("advocates", "healthcare"),
         extra=(Field("universal", "tristate", _UNIVERSAL_DOC, False, choices=TRISTATE, recommended=True),
                Field("condition", "text", "When universal is conditional: the condition.", "only for residents of care facilities"),
                Field("report", "record", "Where and how to report, read on the agency's official page.", None,
                      fields=_REPORT)),
         guidance="definitions.md#mandated-reporting",
         rules=("`universal`: the same rule as for children, applied to the adult protective services statute.",)),
    Slot("mandated_reporting.attorneys", "Attorneys as mandated reporters",
         "Whether attorneys must report child abuse, and how privilege limits that.",
         "The child-abuse reporting statute's list of reporters and its privilege section.", ("civil-attorneys",),
         extra=(Field("attorneys_report", "enum", "required: reporters with no exemption for privileged "
                      "communications; limited: reporters, but attorney-client privileged information is exempt; "
                      "not_required: not reporters.", "not_required", required=True,
                      choices=("required", "not_required", "limited")),),
         guidance="definitions.md#mandated-reporting",
         rules=("`attorneys_report` comes from the reporter list (or the universal duty) and the statute's privilege "
                "section, never from a compilation's label.",)),
    Slot("duty_to_warn", "Duty to warn or protect",
         "Whether mental-health professionals must, may, or need not warn of a client's threat of violence.",
         "The current statute or binding case; NCSL's and JAAPL's charts (2013-2014) only help find it.", ("healthcare",),
         extra=(Field("rule", "enum", "mandatory, permissive, or none (see the rules below).", "permissive",
                      required=True, choices=("mandatory", "permissive", "none")),),
         guidance="definitions.md#duty-to-warn",
         rules=("`mandatory`: a statute or binding case requires the professional to act on a qualifying threat, and "
                "the action includes warning the intended victim or notifying the police (even if other steps, such as "
                "starting hospitalization, can also discharge the duty).",
                "`permissive`: a statute only allows the disclosure without liability or breach; nothing requires it.",
                "`none`: no statute or binding case creates a duty, and no statute specifically permits the disclosure.",
                "Decide from the current statute; several states amended theirs after the 2013-2014 compilations.")),
    Slot("address_confidentiality", "Address Confidentiality Program",
         "The program that gives survivors a substitute address, or the narrower protection the jurisdiction has.",
         "The enabling statute, and the Secretary of State's or Attorney General's program page.",
         ("law-enforcement", "advocates"),
         extra=(Field("scope", "enum", "substitute_address: a statute gives a substitute address with mail forwarding "
                      "(a full program); voter_records, driver_records, public_records: a narrower protection of "
                      "that kind only; other: anything else (say what in the summary).", "substitute_address",
                      choices=("substitute_address", "voter_records", "driver_records", "public_records", "other"),
                      recommended=True),
                Field("program_name", "str", "The program's name as the agency uses it.", "Safe at Home"),
                Field("agency", "str", "The agency that runs it, as the statute names it.", "Secretary of State"),
                Field("trafficking_victims_qualify", "bool", "true only if the statute or official program page names "
                      "victims of human trafficking as eligible.", True),
                Field("phone", "phone", "A phone number seen on the official page, digits with its area code (a vanity spelling "
                      "goes in the summary).", "(877) 322-5227"),
                Field("website", "url", "The program's official page.", "https://www.sos.ca.gov/registries/safe-home"),
                Field("apply", "record", "How a survivor applies, read on the program's official page.", None,
                      fields=_APPLY)),
         guidance="disciplines/law-enforcement.md",
         rules=("A full Address Confidentiality Program (`scope: substitute_address`) exists only when a statute gives "
                "participants a substitute address with mail forwarding. Only these count as programs on the compare "
                "page.",
                "Narrower protections are recorded with their scope, the same way in every state: `voter_records` "
                "(confidential voter registration only), `driver_records` (licence or motor-vehicle records only), "
                "`public_records` (shielding or sealing of other public records), `other`.",
                "`program_name`, `phone` and `website` only as seen on the official page; never guessed.")),
    Slot("victims_rights", "Crime victims' rights",
         "The constitutional or statutory rights of crime victims, including privacy and notice.",
         "The state constitution and the victims' bill of rights statute.", ("law-enforcement", "prosecutors"),
         extra=(Field("constitutional", "bool", "true if the constitution has a crime victims' rights provision (cite "
                      "it); false if it has none (cite the statute).", True, recommended=True),),
         guidance="disciplines/prosecutors.md",
         rules=("Every jurisdiction records `constitutional`: whether its constitution has a crime victims' rights "
                "provision.",)),
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
    Field("email", "email", "One e-mail address.", "coordinator@example.org"),
    Field("phone", "phone", "Phone number with its area code.", "(916) 555-0100"),
)
_HOTLINE = (
    Field("label", "str", "What the line is for.", "24-hour trafficking hotline", required=True),
    Field("number", "phone", "The number to call, with its area code (a vanity spelling goes in the label).",
          "1-888-373-7888", required=True),
    Field("sms", "sms", "An SMS short code to text, digits only (a number that takes texts goes in number).", "233733"),
    Field("hours", "str", "When it is staffed.", "24 hours"),
)
NATIONAL_CONTACT = (  # ecmguide/data/national-contacts.yml: printed on every handout, validated like facts
    Field("name", "label", "The line's name, as its publisher writes it.", "National Human Trafficking Hotline",
          required=True),
    Field("for", "str", "Who it is for, in a few plain words.", "anyone with a tip or who needs help", required=True),
    Field("number", "phone", "The number to call, as the publisher's page prints it.", "1-888-373-7888"),
    Field("dial", "sms", "A short dialing code, digits only, as the page prints it (linked as tel:).", "988"),
    Field("sms", "sms", "An SMS short code to text, digits only.", "233733"),
    Field("languages", "str", "The languages the page says the line offers, in its words.",
          "English, Spanish and more than 200 other languages through interpreters"),
    Field("spanish", "bool", "true only if the publisher's page says the line serves callers in Spanish.", True),
    Field("source_url", "https", "The publisher's own page the values were read on.",
          "https://humantraffickinghotline.org/about-us/what-we-do", required=True),
    Field("last_reviewed", "date", "The day that page was read.", "2026-12-07", required=True),
    Field("note", "text", "For maintainers: how the page was read and what to check next (not printed).",
          "Read in a saved copy of the page.", public=False),
)
_PAGE = (
    Field("title", "label", "The page title in the navigation.", "Local resources", required=True),
    Field("file", "path", "Markdown file inside jurisdictions/<edition>/.", "local-resources.md", required=True),
)
MANIFEST = (
    Field("code", "code", "Edition code; must match the file name. Also the site folder: site/<code>/.", "ca", required=True),
    Field("overlays", "codes", "Overlays layered in order, most general first.", ["us", "ca"], required=True),
    Field("title", "label", "Site title, jurisdiction first so a phone's narrow header still shows it.",
          "California: ECM Guide to Confidentiality and Information Sharing"),
    Field("edition_date", "date", "Date printed on the PDFs and used as their creation date.", "2026-11-25"),
    Field("site_url", "https", "Where the edition is published.", "https://example.org/ca/"),
    Field("example", "bool", "true for a sample edition with placeholder contacts.", False),
    Field("task_force", "record", "The task force publishing this edition.", None, fields=(
        Field("name", "label", "Task force name.", "Example County Human Trafficking Task Force", required=True),
        Field("coordinator", "record", "Who to contact about the task force.", None, fields=_PERSON),
        Field("hotlines", "records", "Hotlines and 24-hour lines.", None, fields=_HOTLINE),
    )),
    Field("links", "record", "Local agreements.", None, fields=(
        Field("mou", "https", "The task force's memorandum of understanding.", "https://example.org/mou.pdf"),
        Field("protocol", "https", "The confidentiality and information-sharing protocol.", "https://example.org/protocol.pdf"),
    )),
    Field("branding", "record", "Look of the site.", None, fields=(
        Field("primary_color", "color", "Header colour as #rrggbb; must keep white text readable.", "#1f4e79"),
        Field("logo", "path", "Image file (.png, .jpg or .webp) inside jurisdictions/<edition>/.", "logo.png"),
    )),
    Field("extra_pages", "records", "Optional local pages added to the navigation.", None, fields=_PAGE),
    Field("languages", "languages", "The languages the whole guide is published in for this edition, English "
          "first. Each other language is its own linked edition, <code>-<language> (e.g. pr-es), built from "
          "docs/<language>/, published beside this one and listed on the hub.", ["en", "es"]),
)
