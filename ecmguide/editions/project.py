"""A checkout of the guide: where overlays, manifests and pages live, and how editions are assembled."""

from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError, Problem, errors_only
from ecmguide.editions import budgets
from ecmguide.editions.localpages import check_image_file, check_page, read_utf8
from ecmguide.law import national, schema
from ecmguide.law.model import Edition, ExtraPage, Hotline, Overlay
from ecmguide.law.overlays import load_overlay, merge
from ecmguide.law.validate import Context, check_record
from ecmguide.law.valuechecks import URL_RE, valid_code

FALLBACK_EDITION_DATE = dt.date(2026, 1, 1)
EARLIEST_EDITION_DATE = dt.date(1990, 1, 1)  # PDF and gzip timestamps need a date after 1970 and before 2106


def today_from_env() -> dt.date:
    """Today's date, overridable with ECMGUIDE_TODAY=YYYY-MM-DD so date rules are testable."""
    value = os.environ.get("ECMGUIDE_TODAY")
    return parse_today(value, "ECMGUIDE_TODAY") if value else dt.date.today()


def parse_today(value: str, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError([Problem(where, 0, "", f"{value!r} is not a date; write YYYY-MM-DD")]) from None


def base_url(root: Path) -> str:
    """Where the project's own editions are published: ECMGUIDE_BASE_URL (forks, previews) if set, else the
    committed setting, site_url in mkdocs.yml; "" when neither is set (handouts then say where to ask)."""
    value, where = os.environ.get("ECMGUIDE_BASE_URL", "").strip(), "ECMGUIDE_BASE_URL"
    if not value:
        config = safeyaml.load(root / "mkdocs.yml", "mkdocs.yml")[0] if (root / "mkdocs.yml").is_file() else {}
        value, where = str((config or {}).get("site_url") or "").strip(), "mkdocs.yml: site_url"
    if len(value) > budgets.MAX_SITE_URL - 40:  # room for <code>/disciplines/<discipline>/
        raise InputError(
            [
                Problem(
                    where,
                    0,
                    "",
                    f"is {len(value)} characters; the handouts print it as "
                    f"a QR code, readable on paper up to {budgets.MAX_SITE_URL - 40}: use a shorter address",
                )
            ]
        )
    if value and not URL_RE.fullmatch(value):
        raise InputError(
            [
                Problem(
                    where,
                    0,
                    "",
                    f"{value!r} is not a web address; use the full "
                    "https:// address the site is published at, e.g. the GitHub Pages address",
                )
            ]
        )
    return value.rstrip("/") + "/" if value else ""


class Project:
    def __init__(self, root: Path | str | None = None, today: dt.date | None = None):
        self.root = Path(root or os.environ.get("ECMGUIDE_ROOT") or Path.cwd()).resolve()  # never the package's place
        self.today = today or today_from_env()
        # Where the project's own editions are published (mkdocs.yml's site_url, or ECMGUIDE_BASE_URL); an
        # edition's address is <base>/<code>/ unless its manifest names its own site_url.
        self.base_url = base_url(self.root)
        self._overlays: dict[str, tuple[Overlay, list[Problem]]] = {}
        # Read once per Project, like the overlays: a build makes a new Project to read the disk afresh.
        self._editions: dict[str, tuple[Edition | None, list[Problem]]] = {}
        self._tree: list[Problem] | None = None

    overlays_dir = property(lambda self: self.root / "overlays")
    jurisdictions_dir = property(lambda self: self.root / "jurisdictions")
    docs_dir = property(lambda self: self.root / "docs")

    def rel(self, path: Path) -> str:
        try:  # abspath, not resolve(): a symlink is named where it sits, not where it points
            return str(Path(os.path.abspath(path)).relative_to(self.root))
        except ValueError:
            return str(path)

    def edition_codes(self) -> list[str]:
        """The editions declared by manifests (jurisdictions/<code>.yml): each the English guide."""
        return sorted(p.stem for p in self.jurisdictions_dir.glob("*.yml") if not p.name.startswith("_"))

    def published_codes(self) -> list[str]:
        """Every edition a build publishes: each manifest's, and the guide in each other language it opts into
        (`languages: [en, es]` adds <code>-es)."""
        return sorted(self.edition_codes() + [v for c in self.edition_codes() for v in self.language_codes(c)[1:]])

    def language_codes(self, code: str) -> list[str]:
        """The editions of one manifest, English first: [pr, pr-es]. Read without validating (validation says
        what is wrong with a manifest); a manifest that cannot be read has only its English edition."""
        try:
            data, _ = safeyaml.load(self.jurisdictions_dir / f"{code}.yml", f"jurisdictions/{code}.yml")
        except (InputError, OSError):
            return [code]
        langs = data.get("languages") if isinstance(data, dict) else None
        if not (
            isinstance(langs, list)
            and langs[:1] == ["en"]
            and len(set(map(str, langs))) == len(langs)
            and all(lang in schema.LANGUAGES for lang in langs)
        ):
            return [code]  # not a valid list: validation says why, and nothing more is published
        return [code] + [f"{code}-{lang}" for lang in langs[1:] if valid_code(f"{code}-{lang}")]

    def with_languages(self, codes: list[str]) -> list[str]:
        """Codes asked for on the command line, each with its other languages (they link to each other)."""
        out = []
        for code in codes:
            more = (
                self.language_codes(code)
                if valid_file_name(code) and (self.jurisdictions_dir / f"{code}.yml").is_file()
                else [code]
            )
            out += [c for c in more if c not in out]
        return out

    def language_variant(self, code: str) -> tuple[str, str] | None:
        """(manifest code, language) when code is another language's edition of a manifest, e.g. pr-es."""
        if (self.jurisdictions_dir / f"{code}.yml").exists():
            return None
        base, _, lang = code.rpartition("-")
        if lang in schema.LANGUAGES and lang != "en" and base and code in self.language_codes(base)[1:]:
            return base, lang
        return None

    def overlay_codes(self) -> list[str]:
        return sorted(p.stem for p in self.overlays_dir.glob("*.yml") if not p.name.startswith("_"))

    def overlay(self, code: str) -> Overlay:
        return self._overlay_with_warnings(code)[0]

    def _overlay_with_warnings(self, code: str) -> tuple[Overlay, list[Problem]]:
        if code not in self._overlays:
            path = self.overlays_dir / f"{code}.yml"
            _require_code(code, "overlay", self.rel(path) if valid_file_name(code) else "<command line>")
            self._overlays[code] = load_overlay(path, self.rel(path), self.today)
        return self._overlays[code]

    def edition(self, code: str) -> Edition:
        edition, problems = self._edition(code)
        if errors_only(problems):
            raise InputError(problems)
        return edition

    def _edition(self, code: str) -> tuple[Edition | None, list[Problem]]:
        if code not in self._editions:
            self._editions[code] = self._load_edition(code)
        edition, problems = self._editions[code]
        return edition, list(problems)

    def _load_edition(self, code: str) -> tuple[Edition | None, list[Problem]]:
        _require_code(
            code,
            "edition",
            self.rel(self.jurisdictions_dir / f"{code}.yml") if valid_file_name(code) else "<command line>",
        )
        variant = self.language_variant(code)
        if variant:  # the guide in another language: the manifest's edition, with its pages in that language
            edition, problems = self._edition(variant[0])
            return (self._in_language(edition, code, variant[1]) if edition else None), problems
        path = self.jurisdictions_dir / f"{code}.yml"
        display = self.rel(path)
        if not path.exists():
            known = ", ".join(self.edition_codes())
            raise InputError([Problem(display, 0, "", f'no edition "{code}"; known editions: {known}')])
        data, lines = safeyaml.load(path, display)
        ctx = Context(display, lines, self.today)
        values = check_record(ctx, data, schema.MANIFEST, ())
        if values.get("code") and values["code"] != code:
            ctx.error(("code",), f'is "{values["code"]}" but the file is {code}.yml; rename the file or fix the code')
        layers: list[Overlay] = []
        for i, layer_code in enumerate(values.get("overlays", ())):
            overlay_path = self.overlays_dir / f"{layer_code}.yml"
            if not overlay_path.exists():
                ctx.error(
                    ("overlays", i),
                    f'names overlay "{layer_code}" but {self.rel(overlay_path)} does not exist; '
                    "create it from overlays/_template.yml or fix the code",
                )
                continue
            try:
                overlay, warnings = self._overlay_with_warnings(layer_code)
            except InputError as exc:
                ctx.problems.extend(exc.problems)
                ctx.error(
                    ("overlays", i),
                    f'overlay "{layer_code}" has {len(errors_only(exc.problems))} error(s); '
                    f"run make validate FILE={self.rel(overlay_path)}",
                )
                continue
            ctx.problems.extend(warnings)
            layers.append(overlay)
        _check_layer_order(ctx, layers, values.get("overlays", ()))
        _check_setup(ctx, code, values, layers, self.base_url)
        self._check_languages(ctx, code, values.get("languages", ()))
        edition_dir = self.jurisdictions_dir / code
        pages = []
        for i, page in enumerate(values.get("extra_pages", ())):
            if "file" not in page or "title" not in page:
                continue
            path = self._inside(ctx, edition_dir, page["file"], ("extra_pages", i, "file"), (".md",))
            if path:
                text, problem = read_utf8(path.read_bytes(), self.rel(path))
                ctx.problems.extend(
                    [problem] if problem else check_page(text, self.rel(path), edition_dir, self.rel(edition_dir))
                )
                pages.append(ExtraPage(page["title"], self.rel(path)))
        self._check_budget(ctx, pages)
        names = [Path(p.file).name for p in pages]
        for i, name in enumerate(names):
            if names.index(name) != i:
                ctx.error(("extra_pages", i, "file"), f"another page is already named {name}; file names must differ")
        branding = values.get("branding", {})
        if branding.get("logo"):
            logo = self._inside(ctx, edition_dir, branding["logo"], ("branding", "logo"), LOGO_TYPES)
            why = check_image_file(logo, self.rel(logo)) if logo else None
            if why:
                ctx.error(("branding", "logo"), why)
        ctx.problems.extend(
            p
            for p in self.tree_problems()
            if p.file.startswith(f"{self.rel(edition_dir)}/") or p.file in (self.rel(edition_dir), display)
        )
        if values.get("edition_date"):
            self._check_edition_date(ctx, values["edition_date"], explicit=True)
        if errors_only(ctx.problems) or not layers:
            return None, ctx.problems
        facts, federal = merge(layers)
        reviewed = [f.last_reviewed for f in facts.values() if f.last_reviewed]
        edition_date = values.get("edition_date") or max(reviewed, default=FALLBACK_EDITION_DATE)
        if not self._check_edition_date(ctx, edition_date, explicit=bool(values.get("edition_date"))):
            return None, ctx.problems
        task_force = values.get("task_force", {})
        edition = Edition(
            code=code,
            title=values.get("title") or f"{layers[-1].name}: ECM Guide to Confidentiality and Information Sharing",
            jurisdiction=layers[-1].name if layers[-1].kind != "local" else self._parent_name(layers),
            layers=tuple(layers),
            facts=facts,
            federal=federal,
            file=display,
            edition_date=edition_date,
            page_changed=self.page_changes(),
            site_url=values.get("site_url", "") or (f"{self.base_url}{code}/" if self.base_url else ""),
            example=values.get("example", False),
            task_force=task_force.get("name", ""),
            coordinator=task_force.get("coordinator", {}),
            hotlines=tuple(
                Hotline(h["label"], h["number"], h.get("hours", ""), h.get("sms", ""))
                for h in task_force.get("hotlines", ())
                if "label" in h and "number" in h
            ),
            links=values.get("links", {}),
            primary_color=branding.get("primary_color", ""),
            logo=self.rel(edition_dir / branding["logo"]) if branding.get("logo") else "",
            extra_pages=tuple(pages),
            languages=values.get("languages", ("en",)),
        )
        return edition, ctx.problems

    def _check_languages(self, ctx: Context, code: str, languages) -> None:
        """Each other language is published as <code>-<lang>: a valid code that no manifest already uses."""
        for lang in languages[1:]:
            other = f"{code}-{lang}"
            if not valid_code(other):
                ctx.error(
                    ("languages",),
                    f"would publish the {lang} guide as {other!r}, which is not a valid edition "
                    f"code (at most two hyphens); shorten the edition's code or drop {lang}",
                )
            elif (self.jurisdictions_dir / f"{other}.yml").exists():
                ctx.error(
                    ("languages",),
                    f"would publish the {lang} guide as {other}, but jurisdictions/{other}.yml "
                    f"is another edition; rename that edition or drop {lang}",
                )

    def _in_language(self, edition: Edition, code: str, lang: str) -> Edition:
        """The edition in another language. It is published beside the English one (the language switcher links
        ../<code>/), so its address is the English edition's with the code changed."""
        import dataclasses
        import urllib.parse

        site_url = urllib.parse.urljoin(edition.site_url, f"../{code}/") if edition.site_url else ""
        return dataclasses.replace(edition, code=code, lang=lang, site_url=site_url)

    def _inside(self, ctx: Context, folder: Path, rel: str, field: tuple, suffixes: tuple[str, ...]) -> Path | None:
        """A file named in a manifest, if it exists inside the edition's folder (links resolved)."""
        path = folder / rel
        if not path.is_file():
            ctx.error(field, f"{self.rel(path)} does not exist; add the file or fix the name")
            return None
        if not path.resolve().is_relative_to(self.jurisdictions_dir.resolve() / folder.name):
            ctx.error(field, f"{self.rel(path)} points outside {self.rel(folder)}/; copy the file into that folder")
            return None
        if path.suffix.lower() not in suffixes:
            ctx.error(field, f"{path.name} must be one of: {', '.join(suffixes)}")
            return None
        return path

    WATCH = "research/source-watch.json"  # committed to main by the weekly watch job (watch-sources.yml)

    @functools.cached_property
    def _page_changes(self) -> dict[str, str]:
        import json

        try:
            data = json.loads((self.root / self.WATCH).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return (
            {
                str(e.get("fact")): str(e.get("date", ""))
                for e in data.get("changed", [])
                if isinstance(e, dict) and e.get("fact")
            }
            if isinstance(data, dict)
            else {}
        )

    def page_changes(self) -> dict[str, str]:
        """fact id -> day the weekly watch found its official page changed since the fact was checked (read once)."""
        return self._page_changes

    def _check_budget(self, ctx: Context, pages: list[ExtraPage]) -> None:
        """The edition's local pages together stay within editions/budgets.py."""
        if len(pages) > budgets.MAX_LOCAL_PAGES:
            ctx.error(
                ("extra_pages",),
                f"lists {len(pages)} local pages, over the limit of {budgets.MAX_LOCAL_PAGES} "
                "for one edition; merge some pages",
            )
        size = sum((self.root / p.file).stat().st_size for p in pages)
        if size > budgets.MAX_LOCAL_BYTES:
            ctx.error(
                ("extra_pages",),
                f"local pages total {size // 1024} KB, over the limit of "
                f"{budgets.MAX_LOCAL_BYTES // 1024} KB for one edition; shorten them",
            )

    def _check_edition_date(self, ctx: Context, day: dt.date, explicit: bool) -> bool:
        """PDF, sitemap and gzip dates need 1970 to 2106; a sane edition is from 1990 to a year from today."""
        latest = dt.date(self.today.year + 1, self.today.month, min(self.today.day, 28))
        if EARLIEST_EDITION_DATE <= day <= latest:
            return True
        if explicit:
            ctx.error(
                ("edition_date",),
                f"{day} is outside {EARLIEST_EDITION_DATE} to {latest}; write the date this "
                "edition is published, as YYYY-MM-DD",
            )
        else:
            ctx.error(
                ("edition_date",),
                f"no edition_date, and the newest last_reviewed date ({day}) is outside "
                f"{EARLIEST_EDITION_DATE} to {latest}; add edition_date: YYYY-MM-DD",
            )
        return False

    def tree_problems(self) -> list[Problem]:
        """Symbolic links where the build reads pages and data (overlays/, jurisdictions/, docs/, maintainers/):
        a link moves the fence, so files from anywhere on the machine could be read or published as if
        they were part of the pull request. Walked once per Project."""
        if self._tree is None:
            self._tree = self._walk_tree()
        return list(self._tree)

    def _walk_tree(self) -> list[Problem]:
        problems = []
        for top in (self.overlays_dir, self.jurisdictions_dir, self.docs_dir, self.root / "maintainers"):
            found = [top] if top.is_symlink() else []
            if not found and top.is_dir():
                for folder, dirs, files in os.walk(top):
                    found += [Path(folder) / n for n in sorted(dirs + files) if (Path(folder) / n).is_symlink()]
            for link in found:
                problems.append(
                    Problem(
                        self.rel(link),
                        0,
                        "",
                        f"is a symbolic link (to {os.readlink(link)}); links are "
                        f"not allowed in {top.name}/; replace it with the real file or folder",
                    )
                )
        return sorted(problems)

    @staticmethod
    def _parent_name(layers: list[Overlay]) -> str:
        named = [layer for layer in layers if layer.kind in ("state", "district", "territory")]
        return named[-1].name if named else layers[-1].name

    def validate(self, files: list[Path] | None = None) -> list[Problem]:
        """Every problem (errors and warnings) in the given files, or in every overlay and manifest."""
        problems: list[Problem] = [] if files else self.tree_problems() + list(national.checked(self.today)[1])
        targets = files or sorted(self.overlays_dir.glob("*.yml")) + sorted(self.jurisdictions_dir.glob("*.yml"))
        for path in targets:
            path = Path(os.path.abspath(path))
            if path.is_symlink():
                problems.append(
                    Problem(
                        self.rel(path),
                        0,
                        "",
                        f"is a symbolic link (to {os.readlink(path)}); links are "
                        "not allowed in overlays/ or jurisdictions/; replace it with the real file",
                    )
                )
                continue
            path = path.resolve()
            if path.name.startswith("_"):
                continue
            try:
                if path.parent == self.overlays_dir.resolve():
                    problems.extend(self._overlay_with_warnings(path.stem)[1])
                elif path.parent == self.jurisdictions_dir.resolve():
                    own = (self.rel(path), f"{self.rel(self.jurisdictions_dir / path.stem)}/")
                    problems.extend(
                        p for p in self._edition(path.stem)[1] if p.file == own[0] or p.file.startswith(own[1])
                    )
                else:
                    problems.append(
                        Problem(
                            self.rel(path),
                            0,
                            "",
                            "not an overlay or manifest; pass a file in overlays/ or jurisdictions/",
                        )
                    )
            except InputError as exc:
                problems.extend(exc.problems)
        return sorted(set(problems))


LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp")  # not SVG: it can carry script
RANK = {"federal": 0, "state": 1, "district": 1, "territory": 1, "local": 2}


def _check_layer_order(ctx: Context, layers: list[Overlay], codes) -> None:
    """Most general first (federal, then one state, district or territory, then local), no repeats."""
    seen = set()
    for i, code in enumerate(codes):
        if code in seen:
            ctx.error(("overlays", i), f'lists "{code}" twice; list each overlay once')
        seen.add(code)
    ranks = [RANK[layer.kind] for layer in layers]
    for i in range(1, len(ranks)):
        if ranks[i] < ranks[i - 1]:
            ctx.error(
                ("overlays", i),
                f'"{layers[i].code}" ({layers[i].kind}) comes after "{layers[i - 1].code}" '
                f"({layers[i - 1].kind}); list the most general overlay first, e.g. [us, ca]",
            )
    if ranks.count(1) > 1:
        ctx.error(("overlays",), "layers more than one state, district or territory; an edition covers one")


def _check_setup(ctx: Context, code: str, values: dict, layers: list[Overlay], base_url: str) -> None:
    """Mistakes made when setting up an edition, each with the fix."""
    if layers and not any(layer.kind == "federal" for layer in layers):
        names = ", ".join(layer.code for layer in layers)
        ctx.error(
            ("overlays",),
            f"has no federal layer, so the edition would lose every federal fact; list the "
            f"federal overlay first: overlays: [us, {names}]",
        )
    if values.get("example") and not code.endswith("-example"):
        ctx.error(
            ("example",),
            "is only for the sample edition (a code ending in -example), whose contacts are "
            "placeholders; delete the line before publishing a real edition",
        )
    if len(values.get("site_url", "")) > budgets.MAX_SITE_URL:
        ctx.error(
            ("site_url",),
            f"is {len(values['site_url'])} characters; an edition's address is printed as a QR "
            f"code on every handout, readable on paper up to {budgets.MAX_SITE_URL} characters: use a shorter one",
        )
    if values.get("task_force") and not values.get("site_url") and not base_url:
        ctx.warn(
            ("site_url",),
            "no site_url: the handouts will say where to find the guide in words and print no QR "
            'code; add site_url: the address where this edition is published, e.g. "https://example.org/'
            f'{code}/"',
        )


def valid_file_name(code: str) -> bool:
    return "/" not in code and "\0" not in code and code not in ("", ".", "..")


def _require_code(code: str, what: str, where: str) -> None:
    if not valid_code(code):
        raise InputError(
            [
                Problem(
                    where,
                    0,
                    "",
                    f"{code!r} is not a valid {what} code; "
                    "use a lowercase USPS code such as ca, or a local edition such as ca-la",
                )
            ]
        )
