"""The package's floors: every import runs down (or sideways inside one floor), and no module imports itself
back through others. Read from the source with ast, so a lazy import inside a function counts too."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ecmguide"
# Lowest first. A module may import from its own floor and from any floor listed before it.
FLOORS = [
    "core",
    "law",
    "editions",
    "review",
    "outputs",
    "outputs.printed",
    "outputs.site",
    "outputs.hub",
    "pipeline",
    "tools",
    "cli",
]


def floor_of(module: str) -> str:
    """ecmguide.outputs.site.mkdocs_site -> outputs.site; ecmguide.outputs.render -> outputs; ecmguide.cli -> cli."""
    parts = module.split(".")[1:]
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in FLOORS:
            return ".".join(parts[:n])
    return "cli"  # ecmguide/__main__.py and ecmguide/cli.py sit on top


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def named_modules(path: Path) -> set[str]:
    """Every ecmguide module or package a file's imports name, lazy ones inside functions included."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ecmguide"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("ecmguide"))
    return out


def imports_of(path: Path) -> set[str]:
    """Every ecmguide module this file imports (from x import y counts y when y is a module)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; write ecmguide.<floor>.<module>"
            if node.module and node.module.startswith("ecmguide"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    out.add(candidate if MODULES.get(candidate) else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("ecmguide"))
    return {m for m in out if m in MODULES and m != "ecmguide"}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def test_every_import_names_a_module_that_exists():
    """A lazy import inside a function fails only when it runs: after a move, find every stale one now."""
    repo = PACKAGE.parent
    files = [
        *PACKAGE.rglob("*.py"),
        *(repo / "tests").glob("*.py"),
        *(repo / "scripts").glob("*.py"),
        repo / "macros.py",
    ]
    stale = sorted({f"{f.relative_to(repo)}: {m}" for f in files for m in named_modules(f) if m not in MODULES})
    assert stale == []


def test_floors_cover_every_package():
    packages = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")} - {"ecmguide"}
    assert {p.removeprefix("ecmguide.") for p in packages} == set(FLOORS) - {"cli"}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_run_down(module):
    mine = FLOORS.index(floor_of(module))
    upward = [m for m in GRAPH[module] if FLOORS.index(floor_of(m)) > mine]
    assert not upward, f"{module} ({floor_of(module)}) imports from a higher floor: {upward}"


def test_no_import_circle():
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node, stack):
        state[node] = 1
        for dep in sorted(GRAPH[node]):
            if state.get(dep) == 1:
                raise AssertionError("import circle: " + " -> ".join(stack[stack.index(dep) :] + [dep]))
            if dep not in state:
                visit(dep, stack + [dep])
        state[node] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


def test_every_package_says_what_it_owns_and_may_import():
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert len(doc) > 60, f"{init} has no docstring saying what the package owns"
        if init.parent != PACKAGE and init.parent.name != "core":
            assert "May import" in doc, f"{init} does not say what it may import"


def test_the_checker_sees_an_upward_import(tmp_path):
    """A planted upward import is caught (the test above is not vacuous)."""
    bad = tmp_path / "bad.py"
    bad.write_text("from ecmguide.pipeline import build\n", encoding="utf-8")
    deps = imports_of(bad)
    assert deps == {"ecmguide.pipeline.build"}
    assert FLOORS.index(floor_of("ecmguide.pipeline.build")) > FLOORS.index(floor_of("ecmguide.law.schema"))


def test_only_the_generator_adapter_imports_mkdocs():
    """Every mkdocs name the project uses comes through ecmguide/core/generator.py: a port replaces that
    module and the plugin (outputs/site/plugin.py), nothing else."""
    offenders = []
    for name, path in MODULES.items():
        if name == "ecmguide.core.generator":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            named = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [f"{name} imports {m}" for m in named if m == "mkdocs" or m.startswith("mkdocs.")]
    assert offenders == []


@pytest.mark.parametrize(
    "url,other",
    [
        ("downloads/", "disciplines/advocates/"),
        ("", "basics/"),
        ("local/a.png", "x/"),
        ("basics/index.html", "."),
        ("a/b/", "a/b/c.html"),
        ("../x/", ""),
    ],
)
def test_the_adapters_relative_url_without_mkdocs_follows_mkdocs(monkeypatch, url, other):
    """Under another generator (no mkdocs installed) the adapter's relative URLs are mkdocs' own."""
    import builtins

    from mkdocs.utils import get_relative_url

    from ecmguide.core import generator

    real_import = builtins.__import__

    def no_mkdocs(name, *args, **kwargs):
        if name == "mkdocs" or name.startswith("mkdocs."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    expected = get_relative_url(url, other)
    monkeypatch.setattr(builtins, "__import__", no_mkdocs)
    assert generator.relative_url(url, other) == expected
    assert generator.base_plugin() is object
