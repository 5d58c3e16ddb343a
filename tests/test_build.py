"""The build turns notebooks/ into source/ and release/: reproducibly, and the committed copies are current."""
import filecmp
import json
import shutil
from pathlib import Path

import pytest

from nndl.build.assignments import build
from nndl.course import REPO_ROOT, assignments

ASSIGNMENTS = assignments()


def tree_bytes(folder):
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    for name in ("grader_config.py", "nbgrader_config.py"):
        shutil.copy(REPO_ROOT / name, root)
    shutil.copytree(REPO_ROOT / "notebooks", root / "notebooks")
    build(root, before_deadline=True)  # regenerating the committed release/, on purpose
    first = {part: tree_bytes(root / part) for part in ("source", "release")}
    build(root, before_deadline=True)
    return root, first


def test_building_twice_gives_identical_bytes(fresh_build):
    root, first = fresh_build
    assert {part: tree_bytes(root / part) for part in ("source", "release")} == first


@pytest.mark.parametrize("part", ["source", "release"])
def test_committed_files_are_what_the_build_makes(fresh_build, part):
    root, _ = fresh_build
    stale = filecmp.dircmp(root / part, REPO_ROOT / part)
    built, committed = tree_bytes(root / part), tree_bytes(REPO_ROOT / part)
    differing = sorted(k for k in built.keys() | committed.keys() if built.get(k) != committed.get(k))
    assert not differing, f"{part}/ is stale; run `nndl build` and commit. Differing: {differing} {stale.diff_files}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_generated_notebooks_hold_no_outputs_and_only_needed_metadata(name):
    for part in ("source", "release"):
        nb = json.loads((REPO_ROOT / part / name / f"{name}.ipynb").read_text())
        assert set(nb["metadata"]) <= {"kernelspec", "language_info", "nndl"}
        for cell in nb["cells"]:
            assert set(cell["metadata"]) <= {"nbgrader", "tags", "deletable", "editable"}, cell["metadata"]
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None
