"""Build every assignment: write source/<a>/ from notebooks/<a>.py, then release/<a>/ with nbgrader."""
import shutil
from pathlib import Path

from nndl.build.instructor import add_instructor_cell
from nndl.build.notebook_text import read_authored, write_notebook
from nndl.build.release_order import check_release_order
from nndl.build.solution_module import solution_module
from nndl.course import assignments, course_root, nbgrader_api

STUDENT_FILES = Path(__file__).resolve().parent.parent / "student_files"
ALWAYS_SHIPPED = ["nndl_checks.py"]


def shipped_files(nb):
    """The student_files modules a notebook asks for in its header, plus the check helper."""
    wanted = ALWAYS_SHIPPED + [f for f in nb.metadata.get("nndl", {}).get("ship", []) if f not in ALWAYS_SHIPPED]
    for name in wanted:
        if not (STUDENT_FILES / name).is_file():
            raise FileNotFoundError(f"notebook header asks to ship {name}, but nndl/student_files/{name} does not exist")
    return wanted


def write_source(root, name):
    """source/<name>/: the notebook with solutions and hidden tests, plus the public check helper."""
    folder = root / "source" / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    nb = read_authored(root / "notebooks" / f"{name}.py", f"notebooks/{name}.py")
    for filename in shipped_files(nb):
        if filename.endswith(".py"):
            header = f"# Generated from nndl/student_files/{filename} by `nndl build`: edit that file, not this copy.\n"
            (folder / filename).write_text(header + (STUDENT_FILES / filename).read_text())
        else:  # images and other data files go as they are
            shutil.copyfile(STUDENT_FILES / filename, folder / filename)
    from_solutions = nb.metadata["nndl"].get("ship_solutions")
    if from_solutions:
        (folder / from_solutions["module"]).write_text(solution_module(root, from_solutions["from"]))
    for build_only in ("ship", "ship_solutions", "after"):
        nb.metadata["nndl"].pop(build_only, None)
    # the names of the hidden tests, for an instructor running this notebook (left out of the release)
    add_instructor_cell(nb)
    write_notebook(nb, folder / f"{name}.ipynb")


def release(root, name):
    """release/<name>/ by real ``nbgrader generate_assignment`` (which also records it in the gradebook)."""
    result = nbgrader_api(root).generate_assignment(name, force=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{result['log']}\n{result.get('error', '')}")


def ships_solutions_of(root, name):
    """The assignment whose reference solutions ``name``'s header ships (``ship_solutions: {from: ...}``), or None."""
    nb = read_authored(root / "notebooks" / f"{name}.py", f"notebooks/{name}.py")
    return (nb.metadata.get("nndl", {}).get("ship_solutions") or {}).get("from")


def build(root=None, names=None, before_deadline=None):
    """Build ``names`` (default: all); refuses one that would ship solutions before their deadline
    (see :mod:`nndl.build.release_order`), after building the assignments before it."""
    root = course_root(root)
    names = names or assignments(root)
    for name in names:
        check_release_order(root, name, ships_solutions_of(root, name), before_deadline)
        write_source(root, name)
        release(root, name)
    return names
