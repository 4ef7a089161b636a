"""The hub site: jurisdiction picker, coverage report and compare-states page.

All three are built from the same merged editions as the guide, so no fact is typed twice.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from . import codebook, coverage, export, render, schema
from .model import Edition
from .render import link
from .validate import STALE_AFTER_DAYS

KIND_TITLES = (("federal", "Federal baseline"), ("state", "States"), ("district", "District of Columbia"),
               ("territory", "Territories"), ("local", "Local task-force editions"))


def _kind(e: Edition) -> str:
    return "local" if e.is_local else e.layers[-1].kind


def _jlink(e: Edition, page: str = "jurisdiction-facts/") -> Markup:
    return Markup('<a href="../{}/{}">{}</a>').format(e.code, page, e.jurisdiction)


def index_md(editions: list[Edition]) -> str:
    groups = []
    for kind, title in KIND_TITLES:
        members = sorted((e for e in editions if _kind(e) == kind), key=lambda e: e.jurisdiction)
        if not members:
            continue
        items = Markup("").join(
            Markup('<li><a href="{}/">{}</a>{}</li>').format(
                e.code, e.jurisdiction if kind != "local" else (e.task_force or e.title),
                Markup(' <span class="code">({})</span>').format(e.code.upper()))
            for e in members)
        groups.append(Markup('<section class="picker-group" aria-labelledby="group-{0}"><h2 id="group-{0}">{1}</h2>'
                             '<ul class="picker">{2}</ul></section>').format(kind, title, items))
    return "\n\n".join([
        "# ECM Guide to Confidentiality and Information Sharing",
        "Choose your jurisdiction. Each edition is the full guide with that jurisdiction's law on privilege, "
        "mandated reporting, duty to warn, address confidentiality and victims' rights, plus printable PDFs.",
        '!!! warning "Information, not legal advice"\n    The guide explains the law in plain words. It is not legal '
        "advice. Check the current law and consult your own counsel.",
        '<div class="picker-filter" hidden><label for="picker-filter-input">Filter jurisdictions</label> '
        '<input id="picker-filter-input" type="search" autocomplete="off"></div>',
        str(Markup('<div class="picker-groups">{}</div>').format(Markup("").join(groups))),
        "Also on this site: the [coverage report](coverage.md) of the legal research and the "
        "[compare jurisdictions](compare.md) survey.",
    ]) + "\n"


COV_SYMBOL = {"in_force": "●", "not_enacted": "✕", "none_found": "∅", "unknown": "?"}
COV_CLASS = {"in_force": "cov-yes", "not_enacted": "cov-absent", "none_found": "cov-absent", "unknown": "cov-no"}


def _cov_cell(fact, today: dt.date) -> Markup:
    words = coverage.STATUS_WORDS[fact.status]
    cls = COV_CLASS[fact.status]
    if fact.has_law:
        age = coverage.age_days(fact, today)
        if age is not None and age > STALE_AFTER_DAYS:
            cls, words = cls + " cov-stale", words + ", stale"
        words += ", " + ("official text" if fact.official_checked else "secondary source")
        words += f", reviewed {fact.last_reviewed.isoformat()}" if fact.last_reviewed else ""
    return Markup('<td class="{}" title="{}"><span aria-hidden="true">{}</span><span class="visually-hidden">{}</span>'
                  '</td>').format(cls, words, COV_SYMBOL[fact.status], words)


def coverage_md(editions: list[Edition], today: dt.date) -> str:
    rows = coverage.rows(editions)
    done, total = coverage.share(rows)
    links = coverage.official_links(editions)
    head = Markup("").join(Markup('<th scope="col"><abbr title="{}">{}</abbr></th>').format(s.title, coverage.SHORT[s.path])
                           for s in coverage.COUNTED)
    body = [Markup('<tr><th scope="row"><a href="../{}/jurisdiction-facts/">{}</a></th>{}<td>{}/{}</td></tr>').format(
        r.code, r.name, Markup("").join(_cov_cell(f, today) for f in r.cells), r.recorded, len(coverage.COUNTED))
        for r in rows]
    table = Markup('<div class="table-scroll" tabindex="0" role="region" aria-label="Coverage table">'
                   '<table class="coverage"><caption>Recorded facts by jurisdiction and topic</caption><thead><tr>'
                   '<th scope="col">Jurisdiction</th>{}<th scope="col">Recorded</th></tr></thead><tbody>{}</tbody></table></div>'
                   ).format(head, Markup("").join(body))
    key = "\n".join(f"- **{coverage.SHORT[s.path]}**: {s.title}" for s in coverage.COUNTED)
    marks = "\n".join(f"- {COV_SYMBOL[s]} {coverage.STATUS_WORDS[s]}" for s in COV_SYMBOL)
    pct = 100 * done / total if total else 0
    counts = ", ".join(f"{coverage.STATUS_WORDS[s]}: {sum(1 for r in rows for f in r.cells if f.status == s)}"
                       for s in COV_SYMBOL)
    return (f"# Coverage of the legal research\n\nWhat is known for each jurisdiction and topic. Federal law first, then "
            f"by name. A fact reviewed more than 12 months ago is marked stale. The same figures are printed by "
            f"`make coverage`.\n\n{marks}\n\n{key}\n\n{table}\n\n"
            f"**Recorded (in force, no such law, or searched and none found): {done} of {total} jurisdiction-topic "
            f"cells ({pct:.1f}%).** Cells by status: {counts}.\n\n"
            f"**Official-text links: {links.linked} of {links.total} in-force facts ({links.percent:.1f}%).** Each "
            f"in-force fact's citation links the official text; the rest are listed by `make coverage`.\n")


def _cite(e: Edition, slot: str) -> Markup:
    f = e.fact(slot)
    if f.has_law:
        return Markup('{}<br><span class="compare-source">Source read: {}</span>').format(
            render.citation_html(f), link(f.source_url, render.host(f.source_url)))
    return Markup("{}").format(coverage.STATUS_WORDS[f.status])


def compare_md(editions: list[Edition]) -> str:
    states = [e for e in editions if _kind(e) in ("state", "district", "territory")]
    states.sort(key=lambda e: e.jurisdiction)

    def table(caption, heads, rows):
        return str(Markup('<div class="table-scroll" tabindex="0" role="region" aria-label="{0}"><table class="compare">'
                          '<caption>{0}</caption><thead><tr>{1}</tr></thead><tbody>{2}</tbody></table></div>').format(
            caption, Markup("").join(Markup('<th scope="col">{}</th>').format(h) for h in heads),
            Markup("").join(Markup("<tr>{}</tr>").format(Markup("").join(
                Markup('<th scope="row">{}</th>').format(c) if i == 0 else Markup("<td>{}</td>").format(c)
                for i, c in enumerate(row))) for row in rows)))

    def label(value, yes="yes", no="no"):
        return {True: yes, False: no, "conditional": "every person, in some cases"}.get(value, "not recorded")

    child = [(_jlink(e), label(e.fact("mandated_reporting.child").get("universal"), "every person", "listed professions")
              if e.fact("mandated_reporting.child").has_law else coverage.STATUS_WORDS[e.fact("mandated_reporting.child").status],
              label(e.fact("mandated_reporting.child").get("trafficking_expressly_covered")) if e.fact("mandated_reporting.child").has_law else "",
              _cite(e, "mandated_reporting.child")) for e in states]
    universal = [e for e in states if e.fact("mandated_reporting.child").get("universal") is True]
    warn = [(_jlink(e), e.fact("duty_to_warn").get("rule") or coverage.STATUS_WORDS[e.fact("duty_to_warn").status],
             _cite(e, "duty_to_warn")) for e in states]
    split = {r: sum(1 for e in states if e.fact("duty_to_warn").get("rule") == r) for r in ("mandatory", "permissive", "none")}
    ht = [(_jlink(e), e.fact("privileges.ht_caseworker").summary, _cite(e, "privileges.ht_caseworker"))
          for e in states if e.fact("privileges.ht_caseworker").status == "in_force"]
    acp = [(_jlink(e), e.fact("address_confidentiality").get("program_name") or "", e.fact("address_confidentiality").get("agency") or "",
            label(e.fact("address_confidentiality").get("trafficking_victims_qualify")), _cite(e, "address_confidentiality"))
           for e in states if e.fact("address_confidentiality").status == "in_force"
           and e.fact("address_confidentiality").get("scope") == "substitute_address"]
    narrower = [(_jlink(e), render.SCOPE_LABEL.get(e.fact("address_confidentiality").get("scope"), "scope not yet coded"),
                 _cite(e, "address_confidentiality"))
                for e in states if e.fact("address_confidentiality").status == "in_force"
                and e.fact("address_confidentiality").get("scope") != "substitute_address"]
    no_acp = [(_jlink(e), coverage.STATUS_WORDS[e.fact("address_confidentiality").status], _cite(e, "address_confidentiality"))
              for e in states if e.fact("address_confidentiality").status != "in_force"]
    parts = [
        "# Compare jurisdictions",
        "A survey across jurisdictions, built from the same overlay files as each edition. Each row links to that "
        "jurisdiction's facts page and cites its source. Information, not legal advice: read the cited source "
        "before relying on any entry.",
        "## Who must report child abuse",
        f"{len(universal)} of {len(states)} jurisdictions require every person to report suspected child abuse, "
        "according to the recorded facts.",
        table("Child-abuse reporting duty", ["Jurisdiction", "Who must report", "Names trafficking", "Source"], child),
        "## Duty to warn",
        f"Recorded rules: {split['mandatory']} mandatory, {split['permissive']} permissive, {split['none']} none.",
        table("Duty to warn or protect", ["Jurisdiction", "Rule", "Source"], warn),
        "## Human-trafficking caseworker privilege",
        f"{len(ht)} jurisdictions have a recorded privilege that reaches human-trafficking caseworkers or their clients.",
        table("Human-trafficking caseworker privilege", ["Jurisdiction", "Summary", "Source"], ht),
        "## Address Confidentiality Programs",
        f"{len(acp)} jurisdictions have a full program: a statute gives a substitute address with mail forwarding.",
        table("Address Confidentiality Programs", ["Jurisdiction", "Program", "Agency", "Trafficking victims expressly eligible", "Source"], acp),
        "Narrower protections, or a program whose scope is not yet coded:",
        table("Narrower address protections", ["Jurisdiction", "Scope", "Source"], narrower),
        "No program recorded:",
        table("Jurisdictions with no program recorded", ["Jurisdiction", "What is known", "Source"], no_acp),
    ]
    return "\n\n".join(parts) + "\n"


NAV = [{"Jurisdictions": "index.md"}, {"Coverage report": "coverage.md"}, {"Compare jurisdictions": "compare.md"},
       {"Open data": ["open-data.md", {"Codebook": "codebook.md"}]}]


def write_docs(project, editions: list[Edition], docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "index.md").write_text(index_md(editions), encoding="utf-8")
    (docs_dir / "coverage.md").write_text(coverage_md(editions, project.today), encoding="utf-8")
    (docs_dir / "compare.md").write_text(compare_md(editions), encoding="utf-8")
    files = export.build_files(project)
    data = docs_dir / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_bytes(text.encode("utf-8"))
    (data / "version.json").write_bytes(export.version(project, files).encode("utf-8"))
    (docs_dir / "open-data.md").write_text(data_md(files), encoding="utf-8")
    (docs_dir / "codebook.md").write_text(codebook.codebook_markdown(), encoding="utf-8")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def data_md(files: dict[str, str]) -> str:
    size = {name: len(text.encode("utf-8")) for name, text in files.items()}
    codes = sorted(n for n in files if n not in ("facts.json", "facts.csv", "schema.json"))
    per = ", ".join(f"[{n.removesuffix('.json')}](data/{n}) ({_size(size[n])})" for n in codes)
    return "\n".join([
        "# Open data", "",
        "Every legal fact in this guide, for every jurisdiction, as data you can reuse: each with its status, "
        "citation, official-text link, the source actually read, how and when it was checked, and its limits. "
        "Facts not yet researched are included with their status. The files are rebuilt on every change to the "
        "guide; each fact's `history` lists every version the guide published. Information, not legal advice.", "",
        "| File | What it holds | Size |", "|---|---|---|",
        f"| [facts.json](data/facts.json) | Every jurisdiction's facts (federal facts under `us`) and the editions "
        f"table: which overlays each edition layers | {_size(size['facts.json'])} |",
        f"| [facts.csv](data/facts.csv) | One row per jurisdiction and fact (no history) | {_size(size['facts.csv'])} |",
        f"| [schema.json](data/schema.json) | JSON Schema of the JSON files | {_size(size['schema.json'])} |",
        "| [version.json](data/version.json) | The commit the files were built from and the newest review date | "
        "under 1 KB |", "",
        f"One file per jurisdiction: {per}.", "",
        "Every column and value is explained in the [codebook](codebook.md). A fact's `id`, e.g. "
        "`ca.privileges.ht_caseworker`, is its stable address; its `page` is the entry on the jurisdiction's "
        "at-a-glance page, so you can cite one entry.", "",
        "## Use it", "",
        "```sh\ncurl -O https://<this site>/data/facts.csv\n```", "",
        "```python\nimport pandas as pd\nfacts = pd.read_csv(\"https://<this site>/data/facts.csv\")\n"
        "facts[facts.topic == \"duty_to_warn\"][[\"jurisdiction\", \"rule\", \"citation\", \"official_url\"]]\n```", "",
        "## License", "",
        "The data and the guide's text written for this project are licensed under the "
        "[Creative Commons Attribution 4.0 International license (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/); "
        "the project's code under the MIT license. Credit \"ECM Guide to Confidentiality and Information Sharing "
        "project\". The terms of use of the source guide this project restates are not stated.", "",
    ])
