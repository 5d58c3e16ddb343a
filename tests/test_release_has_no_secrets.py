"""Nothing a student must not see reaches release/: no solution, no hidden test, no reference output."""
import re

import nbformat
import pytest

from nndl.build.notebook_text import read_authored
from nndl.course import REPO_ROOT, assignments
from nndl.grading.specs import hidden_region
from support import secret_lines

RELEASE = REPO_ROOT / "release"
MARKERS = re.compile(r"(BEGIN|END) (SOLUTION|HIDDEN TESTS)")


def release_text(release=RELEASE):
    """Every text file under a release folder, as one string per file."""
    return {p: p.read_text(errors="replace") for p in release.rglob("*")
            if p.is_file() and p.suffix in (".ipynb", ".py", ".txt", ".md", ".json", ".html")}


def provided_lines(name):
    """The lines another notebook gives its students on purpose: its code outside solution regions
    and hidden tests (say a skeleton's `for i in range(num_iterations):`)."""
    path = REPO_ROOT / "notebooks" / f"{name}.py"
    if not path.is_file():
        return set()
    lines = set()
    for cell in read_authored(path, name).cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        if cell.metadata.get("nbgrader", {}).get("grade"):
            source = source.replace(hidden_region(source), "")
        kept, inside = [], False
        for line in source.splitlines():
            if line.strip() in ("### BEGIN SOLUTION", "### END SOLUTION"):
                inside = line.strip() == "### BEGIN SOLUTION"
            elif not inside:
                kept.append(line.strip())
        lines |= set(kept)
    return lines


def leaks(name, release=RELEASE, allowed=()):
    """(file, line) pairs where a secret line of assignment ``name`` appears under ``release``.

    Files in ``allowed`` (shipped reference functions) may hold solution lines, never hidden-test lines.
    A line that another assignment's notebook provides to its students on purpose is no secret there.
    """
    secrets, hidden = secret_lines(name), secret_lines(name, kinds=("hidden",))
    assert secrets, "the scan found nothing to look for: it would pass vacuously"
    found = set()
    for path, text in release_text(release).items():
        folder = path.relative_to(release).parts[0]
        lines = hidden if path in allowed else secrets
        if folder != name:
            lines = lines - provided_lines(folder)
        found |= {(path.name, line) for line in lines if line in text}
    return found


def shipped_solution_modules():
    """release files that deliberately carry an earlier notebook's reference functions (header ship_solutions)."""
    allowed = {}
    for name in assignments():
        nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
        spec = nb.metadata["nndl"].get("ship_solutions")
        if spec:
            allowed[RELEASE / name / spec["module"]] = spec["from"]
    return allowed


def test_release_has_no_solution_or_hidden_test_markers():
    leaks = [str(p) for p, text in release_text().items() if MARKERS.search(text)]
    assert not leaks


@pytest.mark.parametrize("name", assignments())
def test_release_holds_no_reference_solution_or_hidden_test_line(name):
    # a module of shipped reference functions (released after its origin) may repeat lines of its
    # origin or of any earlier assignment (course order), e.g. the same two-layer initialisation
    order = assignments()
    allowed = {path for path, origin in shipped_solution_modules().items()
               if order.index(name) <= order.index(origin)}
    assert not leaks(name, allowed=allowed)


@pytest.mark.parametrize("name", assignments())
def test_release_notebooks_have_no_outputs(name):
    nb = nbformat.read(RELEASE / name / f"{name}.ipynb", as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("kind", ["solution", "hidden test"])
def test_the_scan_catches_a_planted_leak(tmp_path, kind):
    """The scan itself works: a line of a solution or of a hidden test pasted into a release copy is found."""
    name = assignments()[0]
    nb = read_authored(REPO_ROOT / "notebooks" / f"{name}.py", name)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution" if kind == "solution" else "grade"))
    if kind == "solution":
        source = cell.source.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
    else:
        source = hidden_region(cell.source)
    planted = max(source.splitlines(), key=len).strip()
    copy = tmp_path / name
    copy.mkdir()
    (copy / "notes.txt").write_text("student scratch\n" + planted + "\n")
    assert (copy / "notes.txt", planted) in {(copy / f, l) for f, l in leaks(name, release=tmp_path)}
