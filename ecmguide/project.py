"""A checkout of the guide: where overlays, manifests and pages live, and how editions are assembled."""
from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path

from . import safeyaml, schema
from .errors import InputError, Problem, errors_only
from .model import Edition, ExtraPage, Hotline, Overlay
from .overlays import load_overlay, merge
from .validate import Context, check_record, valid_code

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
FALLBACK_EDITION_DATE = dt.date(2026, 1, 1)


def today_from_env() -> dt.date:
    """Today's date, overridable with ECMGUIDE_TODAY=YYYY-MM-DD so date rules are testable."""
    value = os.environ.get("ECMGUIDE_TODAY")
    return dt.date.fromisoformat(value) if value else dt.date.today()


class Project:
    def __init__(self, root: Path | str | None = None, today: dt.date | None = None):
        self.root = Path(root or os.environ.get("ECMGUIDE_ROOT") or PACKAGE_ROOT).resolve()
        self.today = today or today_from_env()
        self._overlays: dict[str, tuple[Overlay, list[Problem]]] = {}

    overlays_dir = property(lambda self: self.root / "overlays")
    jurisdictions_dir = property(lambda self: self.root / "jurisdictions")
    docs_dir = property(lambda self: self.root / "docs")

    def rel(self, path: Path) -> str:
        try:
            return str(path.resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    def edition_codes(self) -> list[str]:
        return sorted(p.stem for p in self.jurisdictions_dir.glob("*.yml") if not p.name.startswith("_"))

    def overlay_codes(self) -> list[str]:
        return sorted(p.stem for p in self.overlays_dir.glob("*.yml") if not p.name.startswith("_"))

    def overlay(self, code: str) -> Overlay:
        return self._overlay_with_warnings(code)[0]

    def _overlay_with_warnings(self, code: str) -> tuple[Overlay, list[Problem]]:
        if code not in self._overlays:
            _require_code(code, "overlay")
            path = self.overlays_dir / f"{code}.yml"
            self._overlays[code] = load_overlay(path, self.rel(path), self.today)
        return self._overlays[code]

    def edition(self, code: str) -> Edition:
        edition, problems = self._edition(code)
        if errors_only(problems):
            raise InputError(problems)
        return edition

    def _edition(self, code: str) -> tuple[Edition | None, list[Problem]]:
        _require_code(code, "edition")
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
                ctx.error(("overlays", i), f'names overlay "{layer_code}" but {self.rel(overlay_path)} does not exist; '
                          "create it from overlays/_template.yml or fix the code")
                continue
            try:
                overlay, warnings = self._overlay_with_warnings(layer_code)
            except InputError as exc:
                ctx.problems.extend(exc.problems)
                continue
            ctx.problems.extend(warnings)
            layers.append(overlay)
        edition_dir = self.jurisdictions_dir / code
        pages = []
        for i, page in enumerate(values.get("extra_pages", ())):
            if "file" in page and not (edition_dir / page["file"]).is_file():
                ctx.error(("extra_pages", i, "file"), f"{self.rel(edition_dir / page['file'])} does not exist; add the page or fix the name")
            elif "file" in page and "title" in page:
                pages.append(ExtraPage(page["title"], self.rel(edition_dir / page["file"])))
        branding = values.get("branding", {})
        if branding.get("logo") and not (edition_dir / branding["logo"]).is_file():
            ctx.error(("branding", "logo"), f"{self.rel(edition_dir / branding['logo'])} does not exist")
        if errors_only(ctx.problems) or not layers:
            return None, ctx.problems
        facts, federal = merge(layers)
        reviewed = [f.last_reviewed for f in facts.values() if f.last_reviewed]
        task_force = values.get("task_force", {})
        edition = Edition(
            code=code,
            title=values.get("title") or f"ECM Guide to Confidentiality and Information Sharing: {layers[-1].name}",
            jurisdiction=layers[-1].name if layers[-1].kind != "local" else self._parent_name(layers),
            layers=tuple(layers), facts=facts, federal=federal, file=display,
            edition_date=values.get("edition_date") or max(reviewed, default=FALLBACK_EDITION_DATE),
            site_url=values.get("site_url", ""), example=values.get("example", False),
            task_force=task_force.get("name", ""), coordinator=task_force.get("coordinator", {}),
            hotlines=tuple(Hotline(h["label"], h["number"], h.get("hours", "")) for h in task_force.get("hotlines", ()) if "label" in h and "number" in h),
            links=values.get("links", {}), primary_color=branding.get("primary_color", ""),
            logo=self.rel(edition_dir / branding["logo"]) if branding.get("logo") else "",
            extra_pages=tuple(pages))
        return edition, ctx.problems

    @staticmethod
    def _parent_name(layers: list[Overlay]) -> str:
        named = [layer for layer in layers if layer.kind in ("state", "district", "territory")]
        return named[-1].name if named else layers[-1].name

    def validate(self, files: list[Path] | None = None) -> list[Problem]:
        """Every problem (errors and warnings) in the given files, or in every overlay and manifest."""
        problems: list[Problem] = []
        targets = files or sorted(self.overlays_dir.glob("*.yml")) + sorted(self.jurisdictions_dir.glob("*.yml"))
        for path in targets:
            path = Path(path).resolve()
            if path.name.startswith("_"):
                continue
            try:
                if path.parent == self.overlays_dir.resolve():
                    problems.extend(self._overlay_with_warnings(path.stem)[1])
                elif path.parent == self.jurisdictions_dir.resolve():
                    problems.extend(p for p in self._edition(path.stem)[1] if p.file == self.rel(path))
                else:
                    problems.append(Problem(self.rel(path), 0, "", "not an overlay or manifest; pass a file in overlays/ or jurisdictions/"))
            except InputError as exc:
                problems.extend(exc.problems)
        return sorted(set(problems))


def _require_code(code: str, what: str) -> None:
    if not valid_code(code):
        raise InputError([Problem("<command line>", 0, "", f"{code!r} is not a valid {what} code; "
                                  "use a lowercase USPS code such as ca, or a local edition such as ca-la")])
