"""Which editions a change touches, for the fast pull-request path.

A change to overlays, manifests or an edition's own folder affects only the editions that layer
those overlays or own those files; anything else (code, pages, templates, tests, workflows) can
affect every edition, so the full suite runs.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from ecmguide.core import safeyaml
from ecmguide.core.errors import InputError, Problem
from ecmguide.core.git import git
from ecmguide.editions.project import Project

ALL = "all"


def changed_files(project: Project, base: str) -> list[str]:
    if git(project.root, "rev-parse", "--verify", "--quiet", base) is None:
        raise InputError([Problem("<command line>", 0, "BASE", f"{base!r} is not a git revision here; fetch it first")])
    out = git(project.root, "diff", "--name-only", f"{base}...HEAD") or ""
    return sorted(line for line in out.splitlines() if line)


def affected(project: Project, files: list[str]) -> list[str] | str:
    """Edition codes a change to `files` touches, or ALL when it reaches beyond data."""
    overlays, editions = set(), set()
    for name in files:
        path = PurePosixPath(name)
        parts = path.parts
        if len(parts) == 2 and parts[0] == "overlays" and path.suffix == ".yml" and not path.name.startswith("_"):
            overlays.add(path.stem)
        elif (
            len(parts) == 2 and parts[0] == "jurisdictions" and path.suffix == ".yml" and not path.name.startswith("_")
        ):
            editions.add(path.stem)
        elif len(parts) >= 3 and parts[0] == "jurisdictions":
            editions.add(parts[1])
        elif name in ("overlays/_template.yml", "overlays/overlay.schema.json", "jurisdictions/manifest.schema.json"):
            continue  # documentation for editors; the build does not read them
        else:
            return ALL
    existing = set(project.published_codes())
    editions = {c for code in editions for c in project.with_languages([code])}  # pr's manifest makes pr-es too
    for code in existing:
        if set(manifest_layers(project, code)) & overlays:
            editions.add(code)
    return sorted(editions & existing)


def manifest_layers(project: Project, code: str) -> list[str]:
    """The overlay codes a manifest lists, read without validating them (a broken overlay is still affected)."""
    variant = project.language_variant(code)
    code = variant[0] if variant else code  # the guide in another language layers its manifest's overlays
    try:
        data, _ = safeyaml.load(project.jurisdictions_dir / f"{code}.yml")
    except InputError:
        return []
    layers = data.get("overlays") if isinstance(data, dict) else None
    return [c for c in layers if isinstance(c, str)] if isinstance(layers, list) else []
