"""Sharded builds: the plan, one share per machine, the merge, the cache, shared theme files and export."""

import json
import re
import shutil
from pathlib import Path

import pytest
from test_build import tree_hash

from ecmguide import cli
from ecmguide.core.errors import InputError
from ecmguide.editions.project import Project
from ecmguide.pipeline import shards, sharedassets
from ecmguide.pipeline.build import build
from ecmguide.pipeline.state import STATE_FILE

from conftest import REPO, TODAY

LOCAL = 'code: {0}\noverlays: [us, ca]\ntitle: "Edition {0}"\ntask_force:\n  name: "Task force {0}"\n'


def small(project_factory, extra=("ca-x",)) -> Project:
    """us, ca, the example edition (logo, local pages) and small local editions."""
    project = project_factory(copy_editions=("us", "ca", "ca-example"), editions={c: LOCAL.format(c) for c in extra})
    shutil.copytree(REPO / "jurisdictions" / "ca-example", project.root / "jurisdictions" / "ca-example")
    return Project(project.root, TODAY)


def sharded(project: Project, tmp: Path, n: int, *, with_pdf=False, cache=None, prefix="s") -> list[Path]:
    plan = tmp / f"{prefix}-plan.json"
    plan.write_text(json.dumps(shards.make_plan(project, n, with_pdf=with_pdf)))
    dirs = [tmp / f"{prefix}{i}" for i in range(1, n + 1)]
    for i, d in enumerate(dirs, 1):  # each shard has its own cache, as each CI job restores and saves its own
        shards.build_shard(
            project, plan, f"{i}/{n}", out=d, jobs=2, with_pdf=with_pdf, cache=cache / str(i) if cache else None
        )
    return dirs


def asset_refs_resolve(site: Path) -> int:
    """Every theme reference (href, src, the search worker) of every page points to a file; returns the count."""
    count = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # mkdocs writes its 404 page with root-absolute links
            continue
        for ref in re.findall(r'(?:href="|src="|"search": ")((?:\.\./)*assets/[^"?#]+)"', page.read_text()):
            assert (page.parent / ref).resolve().is_file(), f"{page.relative_to(site)}: {ref}"
            count += 1
    return count


# ---------------------------------------------------------------- the plan


def test_plan_puts_every_edition_in_exactly_one_shard_whatever_the_file_order(project_factory, tmp_path):
    codes = [f"ca-t{i:02d}" for i in range(23)]
    one = project_factory(editions={c: LOCAL.format(c) for c in codes})
    other_root = tmp_path / "other"
    other_root.mkdir()
    two = Project(shutil.copytree(one.root, other_root / "project", symlinks=True), TODAY)
    for path in two.jurisdictions_dir.glob("*.yml"):  # rewrite in reverse order: other inode and mtime order
        path.unlink()
    for code in reversed(["us", "ca"] + codes):
        shutil.copy(one.jurisdictions_dir / f"{code}.yml", two.jurisdictions_dir / f"{code}.yml")
    plan_one, plan_two = shards.make_plan(one, 4), shards.make_plan(two, 4)
    assert plan_one == plan_two
    placed = [c for share in plan_one["shards"] for c in share]
    assert sorted(placed) == sorted(one.edition_codes()) and len(placed) == len(set(placed)) == 25
    loads = plan_one["shard_seconds"]
    assert max(loads) - min(loads) <= max(plan_one["seconds"].values())  # balanced to within one edition


def test_plan_uses_measured_times_and_keeps_editions_in_their_previous_shard(project_factory):
    project = project_factory(editions={f"ca-t{i}": LOCAL.format(f"ca-t{i}") for i in range(6)})
    timings = {"with_pdf": True, "seconds": {"us": 30.0, "ca": 29.0}}
    first = shards.make_plan(project, 2, timings=timings)
    assert first["measured"] == ["ca", "us"] and first["seconds"]["us"] == 30.0
    shard_of = {c: i for i, share in enumerate(first["shards"]) for c in share}
    assert shard_of["us"] != shard_of["ca"]  # the two heavy ones apart
    # Site-only times do not count for a plan with PDFs; they are estimated instead.
    assert shards.make_plan(project, 2, timings={"with_pdf": False, "seconds": {"us": 30.0}})["measured"] == []
    # A new edition goes to the lightest shard; the others stay where they were.
    (project.jurisdictions_dir / "ca-new.yml").write_text(LOCAL.format("ca-new"))
    second = shards.make_plan(Project(project.root, TODAY), 2, timings=timings, previous=first)
    for before, after in zip(first["shards"], second["shards"], strict=True):
        assert set(before) <= set(after)
    assert shards.assign({"a": 1.0}, 1) == [["a"]]


def test_auto_picks_one_shard_for_few_editions_and_more_for_hundreds(project_factory):
    project = project_factory()
    assert len(shards.make_plan(project)["shards"]) == 1
    assert shards.auto_count(500 * 7.7, 500) == 7  # 3850 worker-seconds / 2 cores / 300 s
    assert shards.auto_count(57 * 7.7, 57) == 1 and shards.auto_count(78 * 7.7, 78) == 2
    assert shards.auto_count(1e7, 5000) == 256 and shards.auto_count(100.0, 3) == 1
    with pytest.raises(InputError, match="not between 1 and 256"):
        shards.make_plan(project, 257)


def test_a_shard_refuses_a_stale_plan_or_a_bad_spec(project_factory, tmp_path):
    project = project_factory()
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(shards.make_plan(project, 2)))
    (project.jurisdictions_dir / "ca-new.yml").write_text(LOCAL.format("ca-new"))
    with pytest.raises(
        InputError, match=r"plan\.json: was made for other editions \(new: ca-new\); run make plan again"
    ):
        shards.build_shard(project, plan, "1/2", out=tmp_path / "s1")
    with pytest.raises(InputError, match=r"has 2 shard\(s\), not 3; use SHARD=i/2"):
        shards.build_shard(project, plan, "1/3", out=tmp_path / "s1")
    with pytest.raises(InputError, match=r"'3/2' is not i/n"):
        shards.parse_spec("3/2")
    with pytest.raises(InputError, match="no plan here; run make plan"):
        shards.build_shard(project, tmp_path / "none.json", "1/1")
    assert not (tmp_path / "s1").exists()


def test_plan_command_writes_the_matrix_for_github_actions(project_factory, tmp_path, capsys):
    project = project_factory()
    out, gh = tmp_path / "plan.json", tmp_path / "github_output"
    assert (
        cli.main(
            ["--root", str(project.root), "plan", "--shards", "2", "--output", str(out), "--github-output", str(gh)]
        )
        == 0
    )
    assert gh.read_text() == "count=2\nshards=[1, 2]\n"
    assert json.loads(out.read_text())["shards"] in ([["ca"], ["us"]], [["us"], ["ca"]])
    assert "2 edition(s) in 2 shard(s)" in capsys.readouterr().out


# ---------------------------------------------------------------- shards and merge


@pytest.mark.slow
def test_three_shards_merged_equal_a_one_machine_build(project_factory, tmp_path):
    project = small(project_factory, extra=("ca-x", "ca-y"))  # 5 editions
    one = tmp_path / "one" / "site"
    build(project, out=one, with_pdf=False, jobs=2)
    dirs = sharded(project, tmp_path, 3)
    assert (
        sorted(c for d in dirs for c in json.loads((d / STATE_FILE).read_text())["editions"]) == project.edition_codes()
    )
    assert not any((d / "index.html").exists() or (d / "assets").exists() for d in dirs)  # no hub in a shard
    merged = tmp_path / "merged" / "site"
    timings = tmp_path / "timings.json"
    shards.merge(project, dirs, out=merged, timings_out=timings)
    assert tree_hash(merged) == tree_hash(one)  # build state included
    assert set(json.loads(timings.read_text())["seconds"]) == set(project.edition_codes())
    # One copy of the theme: editions keep only their own files (the example's logo), and every link resolves.
    assert not (merged / "us" / "assets").exists()
    assert (merged / "ca-example" / "assets" / "edition" / "logo.png").is_file()
    assert "javascripts/bundle" in (merged / "us" / sharedassets.MANIFEST).read_text()
    assert asset_refs_resolve(merged) > 100
    # A task force's edition exported from the combined site is the self-contained edition its shard built.
    for code in ("ca-example", "us"):
        shard_dir = next(d for d in dirs if (d / code).is_dir())
        exported = sharedassets.export(merged, code, tmp_path / "export")
        assert tree_hash(exported) == tree_hash(shard_dir / code)
        assert (exported / "assets" / "javascripts").is_dir() and not (exported / sharedassets.MANIFEST).exists()
        assert asset_refs_resolve(exported) > 20


@pytest.mark.slow
def test_a_fresh_runner_restores_unchanged_editions_from_the_cache(project_factory, tmp_path):
    project = small(project_factory, extra=())
    cache = tmp_path / "cache"
    first = sharded(project, tmp_path, 2, cache=cache, prefix="a")
    share = json.loads((tmp_path / "a-plan.json").read_text())["shards"][0]
    assert sorted(p.name.partition("@")[0] for p in (cache / "1").iterdir() if p.is_dir()) == share
    again = shards.build_shard(
        project, tmp_path / "a-plan.json", "1/2", out=tmp_path / "fresh", cache=cache / "1", with_pdf=False
    )
    assert again.built == [] and again.restored == share
    assert tree_hash(tmp_path / "fresh") == tree_hash(first[0])  # build times included


@pytest.mark.slow
def test_a_changed_overlay_rebuilds_only_the_editions_that_layer_it_and_replaces_their_cache_entries(
    project_factory, tmp_path
):
    project = small(project_factory, extra=())
    cache = tmp_path / "cache"
    build(project, out=tmp_path / "a" / "site", with_pdf=False, cache=cache)
    ca = project.overlays_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("California", "California (changed)", 1))
    fresh = build(Project(project.root, TODAY), out=tmp_path / "b" / "site", with_pdf=False, cache=cache)
    assert fresh.restored == ["us"] and fresh.built == ["ca", "ca-example"]
    assert "restored 1 from the cache" in fresh.lines()[0]
    assert len([p for p in cache.iterdir() if p.is_dir()]) == 3  # the old entries of ca and ca-example are gone
    clean = tmp_path / "c" / "site"
    build(Project(project.root, TODAY), out=clean, with_pdf=False)
    assert tree_hash(tmp_path / "b" / "site") == tree_hash(clean)


@pytest.mark.slow
def test_shards_with_pdfs_merge_to_the_one_machine_build(project_factory, tmp_path):
    project = project_factory()  # us and ca, ten PDFs each; three shards, so one is empty
    one = tmp_path / "one" / "site"
    build(project, out=one, jobs=2)
    dirs = sharded(project, tmp_path, 3, with_pdf=True)
    assert [len(json.loads((d / STATE_FILE).read_text())["editions"]) for d in dirs] == [1, 1, 0]
    merged = tmp_path / "merged" / "site"
    shards.merge(project, dirs, out=merged)
    assert len(list(merged.glob("*/downloads/*.pdf"))) == 20  # us and ca, ten PDFs each
    assert tree_hash(merged) == tree_hash(one)


@pytest.mark.slow
def test_merge_refuses_missing_duplicated_unknown_or_stale_editions_and_leaves_site(project_factory, tmp_path):
    project = small(project_factory, extra=())
    dirs = sharded(project, tmp_path, 2)
    site = tmp_path / "site"
    shards.merge(project, dirs, out=site)
    before = tree_hash(site)
    a, b = dirs
    moved = json.loads((a / STATE_FILE).read_text())["editions"]
    code = sorted(moved)[0]

    def refused(dirs_given, pattern):
        with pytest.raises(InputError, match=pattern):
            shards.merge(Project(project.root, TODAY), dirs_given, out=site)
        assert tree_hash(site) == before and not list(tmp_path.glob(".site.staging-*"))

    refused([b], "editions missing from every shard: " + ", ".join(sorted(moved)))
    # The same edition in two shards (a copy of shard a's output, say an artifact downloaded twice).
    twin = tmp_path / "twin"
    shutil.copytree(a, twin)
    refused([a, b, twin], rf"editions built by more than one shard: {code} \(in {a}, {twin}\)")
    # An edition the checkout does not have, and a folder that is not a shard's output.
    alien = tmp_path / "alien"
    (alien / "ca-gone").mkdir(parents=True)
    (alien / STATE_FILE).write_text(json.dumps({"editions": {"ca-gone": {"digest": "0" * 64}}}))
    refused([a, b, alien], "shards hold editions this checkout does not have: ca-gone")
    refused([a, b, tmp_path / "nowhere"], "is not a shard's output")
    # An edition built from other inputs (a shard from another commit).
    ca = project.overlays_dir / "ca.yml"
    ca.write_text(ca.read_text().replace("California", "California (changed)", 1))
    refused([a, b], r"editions built from other inputs than this checkout \(rebuild their shards\): ca \(in ")


@pytest.mark.slow
def test_a_kept_edition_gets_its_own_theme_files_back_when_the_hubs_change(project_factory, tmp_path):
    project = project_factory()
    site = tmp_path / "site"
    build(project, out=site, with_pdf=False)
    assert not (site / "us" / "assets").exists()
    old = site / "assets" / "js" / "checklist.js"
    old.write_text(old.read_text() + "\n// the previous theme's version\n")  # as if the theme had changed since
    build(Project(project.root, TODAY), out=site, with_pdf=False, only=["ca"], force=True)
    own = site / "us" / "assets" / "js" / "checklist.js"
    assert own.read_text().endswith("// the previous theme's version\n")  # us was not rebuilt: it keeps its version
    assert "js/checklist.js" not in (site / "us" / sharedassets.MANIFEST).read_text()
    assert 'src="assets/js/checklist.js"' in (site / "us" / "index.html").read_text()
    assert not (site / "ca" / "assets").exists() and asset_refs_resolve(site) > 40


def test_export_refuses_what_is_not_a_built_edition(tmp_path):
    (tmp_path / "site").mkdir()
    for code in ("zz", "../etc"):
        with pytest.raises(InputError, match="no built edition"):
            sharedassets.export(tmp_path / "site", code, tmp_path / "export")
