"""Build every assignment: write source/<a>/ from notebooks/<a>.py, then release/<a>/ with nbgrader."""
import shutil
from pathlib import Path

from nndl.build.notebook_text import read_authored, write_notebook
from nndl.course import assignments, course_root, nbgrader_api

CHECKS_MODULE = Path(__file__).resolve().parent.parent / "checks.py"
CHECKS_HEADER = "# Generated from nndl/checks.py by `nndl build`: do not edit; edit that file instead.\n"


def write_source(root, name):
    """source/<name>/: the notebook with solutions and hidden tests, plus the public check helper."""
    folder = root / "source" / name
    if folder.exists():
        shutil.rmtree(folder)
    nb = read_authored(root / "notebooks" / f"{name}.py", f"notebooks/{name}.py")
    write_notebook(nb, folder / f"{name}.ipynb")
    (folder / "nndl_checks.py").write_text(CHECKS_HEADER + CHECKS_MODULE.read_text())


def release(root, name):
    """release/<name>/ by real ``nbgrader generate_assignment`` (which also records it in the gradebook)."""
    result = nbgrader_api(root).generate_assignment(name, force=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader generate_assignment {name} failed:\n{result['log']}\n{result.get('error', '')}")


def build(root=None, names=None):
    root = course_root(root)
    names = names or assignments(root)
    for name in names:
        write_source(root, name)
        release(root, name)
    return names
