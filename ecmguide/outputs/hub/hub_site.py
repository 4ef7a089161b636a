"""The hub site: jurisdiction picker, coverage report, open data and maintainers' pages (compare.py: the compare page).

All three are built from the same merged editions as the guide, so no fact is typed twice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from ecmguide.law import schema
from ecmguide.law.model import Edition
from ecmguide.law.validate import STALE_AFTER_DAYS
from ecmguide.outputs.catalog import site_words
from ecmguide.outputs.hub import codebook, compare, coverage, dashboard, opendata

KIND_TITLES = (
    ("federal", "Federal baseline"),
    ("state", "States"),
    ("district", "District of Columbia"),
    ("territory", "Territories"),
    ("local", "Local task-force editions"),
)


def _kind(e: Edition) -> str:
    return "local" if e.is_local else e.layers[-1].kind


def _picker_item(e: Edition, kind: str) -> Markup:
    """One edition in the picker; the guide in another language names it in that language, right after the English
    one: "Puerto Rico (español)"."""
    name = e.jurisdiction if kind != "local" else (e.task_force or e.title)
    code = Markup(' <span class="code">({})</span>').format(e.code.upper())
    if e.lang == "en":
        return Markup('<li><a href="{}/">{}</a>{}</li>').format(e.code, name, code)
    return Markup('<li><a href="{}/" hreflang="{}"><span lang="{}">{} ({})</span></a>{}</li>').format(
        e.code, e.lang, e.lang, name, site_words(e.lang)["language_name"].lower(), code
    )


def index_md(editions: list[Edition]) -> str:
    groups = []
    for kind, title in KIND_TITLES:
        members = sorted(
            (e for e in editions if _kind(e) == kind),
            key=lambda e: (e.jurisdiction, e.base_code, e.lang != "en", e.lang),
        )
        if not members:
            continue
        items = Markup("").join(_picker_item(e, kind) for e in members)
        groups.append(
            Markup(
                '<section class="picker-group" aria-labelledby="group-{0}"><h2 id="group-{0}">{1}</h2>'
                '<ul class="picker">{2}</ul></section>'
            ).format(kind, title, items)
        )
    return (
        "\n\n".join(
            [
                "# ECM Guide to Confidentiality and Information Sharing",
                f"Choose your jurisdiction. Each edition is the full guide with that jurisdiction's law on "
                f"{schema.subjects()}, plus printable PDFs.",
                '!!! warning "Information, not legal advice"\n    The guide explains the law in plain words. It is not legal '
                "advice. Check the current law and consult your own counsel.",
                '<div class="picker-filter" hidden><label for="picker-filter-input">Filter jurisdictions</label> '
                '<input id="picker-filter-input" type="search" autocomplete="off"></div>',
                str(Markup('<div class="picker-groups">{}</div>').format(Markup("").join(groups))),
                "Also on this site: the [coverage report](coverage.md) of the legal research and the "
                "[compare jurisdictions](compare.md) survey.",
            ]
        )
        + "\n"
    )


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
    return Markup(
        '<td class="{}" title="{}"><span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></td>'
    ).format(cls, words, COV_SYMBOL[fact.status], words)


def qc_md(root: Path | None) -> str:
    """The latest double-coding round, from the same function `make qc` uses, or that there is none yet."""
    from ecmguide.review import qcround

    line = qcround.latest_summary(root) if root is not None else ""
    return (
        "\n\n## Double coding\n\n"
        + (
            line
            or (
                "No double-coding round whose order the repository's history proves has been compared yet. The 2026-11 "
                "figure is not shown here: its codings and resolutions entered in one commit, so its blindness cannot be "
                "shown."
            )
        )
        + "\n"
    )


def coverage_md(editions: list[Edition], today: dt.date, root: Path | None = None) -> str:
    rows = coverage.rows(editions)
    done, total = coverage.share(rows)
    links = coverage.official_links(editions)
    head = Markup("").join(
        Markup('<th scope="col"><abbr title="{}">{}</abbr></th>').format(s.title, coverage.SHORT[s.path])
        for s in coverage.COUNTED
    )
    body = [
        Markup('<tr><th scope="row"><a href="../{}/jurisdiction-facts/">{}</a></th>{}<td>{}/{}</td></tr>').format(
            r.code, r.name, Markup("").join(_cov_cell(f, today) for f in r.cells), r.recorded, len(coverage.COUNTED)
        )
        for r in rows
    ]
    table = Markup(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Coverage table">'
        '<table class="coverage"><caption>Recorded facts by jurisdiction and topic</caption><thead><tr>'
        '<th scope="col">Jurisdiction</th>{}<th scope="col">Recorded</th></tr></thead><tbody>{}</tbody></table></div>'
    ).format(head, Markup("").join(body))
    key = "\n".join(f"- **{coverage.SHORT[s.path]}**: {s.title}" for s in coverage.COUNTED)
    marks = "\n".join(f"- {COV_SYMBOL[s]} {coverage.STATUS_WORDS[s]}" for s in COV_SYMBOL)
    pct = 100 * done / total if total else 0
    counts = ", ".join(
        f"{coverage.STATUS_WORDS[s]}: {sum(1 for r in rows for f in r.cells if f.status == s)}" for s in COV_SYMBOL
    )
    return (
        f"# Coverage of the legal research\n\nWhat is known for each jurisdiction and topic. Federal law first, then "
        f"by name. A fact reviewed more than 12 months ago is marked stale. The same figures are printed by "
        f"`make coverage`.\n\n{marks}\n\n{key}\n\n{table}\n\n"
        f"**Recorded (in force, no such law, or searched and none found): {done} of {total} jurisdiction-topic "
        f"cells ({pct:.1f}%).** Cells by status: {counts}.\n\n"
        f"**Official-text links: {links.linked} of {links.total} in-force facts ({links.percent:.1f}%).** Each "
        f"in-force fact's citation links the official text; the rest are listed by `make coverage`.\n\n"
        "## How far the research reached\n\n"
        + "\n".join(f"- {line}" for line in coverage.figures(editions).lines())
        + "\n"
        + qc_md(root)
    )


MAINTAINERS = (
    "maintainers"  # pages for legal staff and maintainers: on the hub, out of the editions' navigation and search
)
MAINTAINER_PAGES = (
    ("Keeping the law current", "keeping-the-law-current.md"),
    ("Overlay field reference", "overlay-field-reference.md"),
)


def nav(project) -> list:
    """The hub's navigation; the maintainers' section lists the pages the checkout has."""
    pages = [
        {title: f"{MAINTAINERS}/{name}"}
        for title, name in MAINTAINER_PAGES
        if (project.root / MAINTAINERS / name).is_file()
    ]
    return [
        {"Jurisdictions": "index.md"},
        {"Coverage report": "coverage.md"},
        {"Review dashboard": "review.md"},
        {"Compare jurisdictions": "compare.md"},
        {"Open data": ["open-data.md", {"Codebook": "codebook.md"}]},
    ] + ([{"For maintainers": pages}] if pages else [])


def write_docs(project, editions: list[Edition], docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    (docs_dir / "index.md").write_text(index_md(editions), encoding="utf-8")
    (docs_dir / "coverage.md").write_text(coverage_md(editions, project.today, project.root), encoding="utf-8")
    (docs_dir / "compare.md").write_text(compare.compare_md(editions), encoding="utf-8")
    (docs_dir / "review.md").write_text(dashboard.dashboard_md(project.root, editions), encoding="utf-8")
    dashboard.write_worksheets(project, editions, docs_dir / "review")
    files = opendata.build_files(project)
    data = docs_dir / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_bytes(text.encode("utf-8"))
    (data / "version.json").write_bytes(opendata.version(project, files).encode("utf-8"))
    (docs_dir / "open-data.md").write_text(data_md(files), encoding="utf-8")
    (docs_dir / "codebook.md").write_text(codebook.codebook_markdown(), encoding="utf-8")
    (docs_dir / MAINTAINERS).mkdir()
    for _, name in MAINTAINER_PAGES:
        page = project.root / MAINTAINERS / name
        if not page.is_file():
            continue
        (docs_dir / MAINTAINERS / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def data_md(files: dict[str, str]) -> str:
    size = {name: len(text.encode("utf-8")) for name, text in files.items()}
    codes = sorted(n for n in files if n not in ("facts.json", "facts.csv", "schema.json"))
    per = ", ".join(f"[{n.removesuffix('.json')}](data/{n}) ({_size(size[n])})" for n in codes)
    return "\n".join(
        [
            "# Open data",
            "",
            "Every legal fact in this guide, for every jurisdiction, as data you can reuse: each with its status, "
            "citation, official-text link, the source actually read, how and when it was checked, and its limits. "
            "Facts not yet researched are included with their status. The files are rebuilt on every change to the "
            "guide; each fact's `history` lists every version the guide published. Information, not legal advice.",
            "",
            "| File | What it holds | Size |",
            "|---|---|---|",
            f"| [facts.json](data/facts.json) | Every jurisdiction's facts (federal facts under `us`) and the editions "
            f"table: which overlays each edition layers | {_size(size['facts.json'])} |",
            f"| [facts.csv](data/facts.csv) | One row per jurisdiction and fact (no history) | {_size(size['facts.csv'])} |",
            f"| [schema.json](data/schema.json) | JSON Schema of the JSON files | {_size(size['schema.json'])} |",
            "| [version.json](data/version.json) | The commit the files were built from and the newest review date | "
            "under 1 KB |",
            "",
            f"One file per jurisdiction: {per}.",
            "",
            "Every column and value is explained in the [codebook](codebook.md). A fact's `id`, e.g. "
            "`ca.privileges.ht_caseworker`, is its stable address; its `page` is the entry on the jurisdiction's "
            "at-a-glance page, so you can cite one entry.",
            "",
            "## Use it",
            "",
            "```sh\ncurl -O https://<this site>/data/facts.csv\n```",
            "",
            '```python\nimport pandas as pd\nfacts = pd.read_csv("https://<this site>/data/facts.csv")\n'
            'facts[facts.topic == "duty_to_warn"][["jurisdiction", "rule", "citation", "official_url"]]\n```',
            "",
            "**Safe to open in a spreadsheet.** A cell of `facts.csv` whose text would start with `=`, `+`, `-`, `@`, "
            "`|` or `%` is written with an apostrophe in front (`'=...`), so a spreadsheet shows it as text and never "
            "runs it as a formula; tabs, carriage returns and other control characters never reach the data (validation "
            "refuses them). The JSON files keep every value exactly as recorded.",
            "",
            "## License",
            "",
            "The data and the guide's text written for this project are licensed under the "
            "[Creative Commons Attribution 4.0 International license (CC BY 4.0)](https://creativecommons.org/licenses/by/4.0/); "
            "the project's code under the MIT license. Credit \"ECM Guide to Confidentiality and Information Sharing "
            'project". The terms of use of the source guide this project restates are not stated.',
            "",
        ]
    )
