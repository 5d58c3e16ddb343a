"""The shape of every hidden-test region (issue #26): a short declarative table of ``grade(case...)``
calls that asks the judge library (``judges``) for what it needs, not a program.

A region stays under about 25 lines, imports nothing, and shares no module-level name with another
region: the grader runs each region in a fresh namespace, so a name one region defines and another
reads works in an instructor's notebook (one kernel) and breaks or misleads in grading.
"""
import ast
import builtins

import pytest

from nndl.build.notebook_text import read_authored
from nndl.course import REPO_ROOT
from nndl.grading.specs import hidden_region

MAX_LINES = 25

# Notebooks whose regions are still imperative programs, being rewritten; empty this set as each is done.
STILL_IMPERATIVE = {"w4_deep_network"}

NOTEBOOKS = sorted(p.stem for p in (REPO_ROOT / "notebooks").glob("w*.py"))


def regions(name):
    """grade id -> the text of its test cell's hidden region."""
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    return {c.metadata["nbgrader"]["grade_id"]: hidden_region(c.source) for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and hidden_region(c.source).strip()}


def lines(region):
    return len(region.strip("\n").splitlines())


def top_level_names(tree):
    """The names a region binds at its top level (assignments, loops, definitions, imports)."""
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        else:
            names.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
                         and not _inside_a_scope(n, node))
    return names


def _inside_a_scope(target, statement):
    """True when ``target`` is bound inside a comprehension or lambda of ``statement`` (not at top level)."""
    for scope in ast.walk(statement):
        if isinstance(scope, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda)):
            if any(n is target for n in ast.walk(scope)):
                return True
    return False


def read_names(tree):
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def shared_names(name):
    """(region, name, the region that binds it): a name one region binds at top level and another
    reads without binding it itself."""
    trees = {gid: ast.parse(text) for gid, text in regions(name).items()}
    bound = {gid: top_level_names(tree) for gid, tree in trees.items()}
    found = []
    for gid, tree in trees.items():
        for used in sorted(read_names(tree) - bound[gid] - set(dir(builtins))):
            found += [(gid, used, other) for other in sorted(bound) if other != gid and used in bound[other]]
    return found


def too_long(name):
    return {gid: lines(text) for gid, text in regions(name).items() if lines(text) > MAX_LINES}


def imports(name):
    return sorted(gid for gid, text in regions(name).items()
                  if any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(ast.parse(text))))


@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if n not in STILL_IMPERATIVE])
def test_no_hidden_region_is_longer_than_25_lines(name):
    assert regions(name) and too_long(name) == {}


@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if n not in STILL_IMPERATIVE])
def test_no_region_reads_a_module_level_name_another_region_binds(name):
    assert shared_names(name) == []


@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if n not in STILL_IMPERATIVE])
def test_no_region_imports_what_the_judge_library_should_give_it(name):
    assert imports(name) == []


def test_the_exceptions_are_real_notebooks_that_still_break_the_rules():
    """The set above cannot go stale: a notebook leaves it as soon as its regions are declarative."""
    assert STILL_IMPERATIVE <= set(NOTEBOOKS)
    for name in STILL_IMPERATIVE:
        assert too_long(name) or shared_names(name) or imports(name), f"{name} follows the rules: remove it"


def test_the_checks_see_a_shared_name_a_long_region_and_an_import(monkeypatch):
    fake = {"a_tests": "from x import y\nstart = {}\n" + "grade('f')\n" * 30,
            "b_tests": "grade('g', judge=lambda c, s, r: start)\nlocal = 1\nprint(local, len([k for k in ()]))"}
    monkeypatch.setattr(__import__(__name__), "regions", lambda name: fake)
    assert shared_names("fake") == [("b_tests", "start", "a_tests")]
    assert too_long("fake") == {"a_tests": 32} and imports("fake") == ["a_tests"]
