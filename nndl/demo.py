"""The demo: release every assignment, simulate a class, grade it in parallel, report.

It works in its own course folder (``demo/`` by default, rebuilt on every
run) made from this checkout's committed ``source/``, so it never touches the
real course's gradebook or submissions.
"""
import json
import shutil
from pathlib import Path

from nndl.course import REPO_ROOT, assignments, nbgrader_api
from nndl.grade_ids import grading_cell_of
from nndl.mistakes import MISTAKES
from nndl.pipeline.autograde import grade_class
from nndl.pipeline.report import write_report
from nndl.simulate import filled_notebook, submit

CHEAT = "np.allclose = lambda *a, **k: True\ndef expect(*a, **k):\n    print('all good!')\n"


def nth_mistake(assignment, n):
    """The n-th catalogued mistake of an assignment (wrapping around), as {grade id: change}."""
    entries = sorted(MISTAKES.get(assignment, {}).items())
    return dict([entries[n % len(entries)]]) if entries else {}


def class_plan(names):
    """student -> assignment -> what to submit ("solution", "blank", "broken", a dict of mistakes, ...)."""
    first = names[0]
    # the cheat goes where a mistake is catalogued (the first such assignment)
    cheat_in = next((a for a in names if MISTAKES.get(a)), first)
    plan = {
        "ada": {a: {"kind": "solution"} for a in names},
        "blake": {a: {"kind": "blank"} for a in names},
        "chen": {a: {"kind": "mistakes", "mistakes": nth_mistake(a, 0)} for a in names},
        "dana": {a: {"kind": "mistakes", "mistakes": nth_mistake(a, 1)} for a in names},
        "eve": {a: {"kind": "solution"} for a in names},
        "finn": {a: {"kind": "solution"} for a in names},
        "gia": {a: {"kind": "mistakes", "mistakes": nth_mistake(a, 2)} for a in names},
        "hana": {a: {"kind": "solution"} for a in names[: max(1, len(names) - 1)]},
    }
    # eve tries to cheat: a wrong function plus a patched np.allclose and check helper
    if MISTAKES.get(cheat_in):
        plan["eve"][cheat_in] = {"kind": "cheat", "mistakes": nth_mistake(cheat_in, 0)}
    plan["finn"][first] = {"kind": "broken"}  # a truncated, invalid notebook file
    plan["gia"][first]["delete_test_of"] = sorted(MISTAKES.get(first, {"setup": 0}))[0]
    return plan


def _mistaken(work):
    return sorted({g for how in work.values() for g in how.get("mistakes", {})})


def student_labels(plan, names):
    """student -> a few words saying what that simulated student did (shown in the demo's table)."""
    labels = {}
    for student, work in plan.items():
        kinds = {how["kind"] for how in work.values()}
        special = {a: how for a, how in work.items() if how["kind"] in ("cheat", "broken")}
        parts = []
        for assignment, how in special.items():
            if how["kind"] == "cheat":
                parts.append(f"cheater: patches np.allclose and the check helper in {assignment} "
                             f"(with a wrong {next(iter(how['mistakes']))})")
            else:
                parts.append(f"broken notebook file (truncated JSON) in {assignment}")
        rest = kinds - {"cheat", "broken"}
        if rest == {"solution"}:
            parts.append("full solution elsewhere" if special else "full solution")
        elif rest == {"blank"}:
            parts.append("blank: submitted the release untouched")
        elif "mistakes" in rest:
            parts.append("typical mistakes in " + ", ".join(_mistaken(work)))
        deleted = [(a, how["delete_test_of"]) for a, how in work.items() if how.get("delete_test_of")]
        parts += [f"deleted the test cell of {g} in {a}" for a, g in deleted]
        skipped = [a for a in names if a not in work]
        if skipped:
            parts.append("skipped " + ("the last assignment, " if skipped == names[-1:] else "") + ", ".join(skipped))
        labels[student] = "; ".join(parts)
    return labels


def work_labels(plan, names):
    """(student, assignment) -> a few words saying what that simulated student did in that assignment only
    (grades.csv has a row per student and assignment)."""
    labels = {}
    for student, work in plan.items():
        for assignment in names:
            how = work.get(assignment)
            if how is None:
                labels[(student, assignment)] = "skipped: nothing submitted"
                continue
            kind = how["kind"]
            if kind == "cheat":
                words = (f"cheater: patches np.allclose and the check helper (with a wrong "
                         f"{next(iter(how['mistakes']))})")
            elif kind == "broken":
                words = "broken notebook file (truncated JSON)"
            elif kind == "blank":
                words = "blank: submitted the release untouched"
            elif kind == "mistakes":
                words = "typical mistake in " + ", ".join(sorted(how["mistakes"])) if how["mistakes"] else \
                    "full solution"
            else:
                words = "full solution"
            if how.get("delete_test_of"):
                words += f"; deleted the test cell of {how['delete_test_of']}"
            labels[(student, assignment)] = words
    return labels


# The demo's students, as the formgrader lists them (last name, first name): their ids are their first names.
DEMO_LAST_NAME = "Demo"


def name_students(root, plan):
    """Give every simulated student a name in the gradebook (nbgrader's formgrader would show "None, None")."""
    from nndl.course import gradebook_url
    from nbgrader.api import Gradebook

    with Gradebook(gradebook_url(root)) as gb:
        for student in plan:
            gb.update_or_create_student(student, first_name=student.capitalize(), last_name=DEMO_LAST_NAME)


def make_submission(root, student, assignment, how):
    kind = how["kind"]
    if kind == "broken":
        text = json.dumps(filled_notebook(root, assignment))
        return submit(root, student, assignment, text[: len(text) // 2])
    extra = None
    if kind == "cheat":
        grade_id = next(iter(how["mistakes"]))
        extra = {grade_id: CHEAT}
    nb = filled_notebook(root, assignment, mistakes=how.get("mistakes"), blank=kind == "blank", extra_code=extra)
    if how.get("delete_test_of"):
        gone = grading_cell_of(how["delete_test_of"])
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != gone]
    return submit(root, student, assignment, nb)


def prepare_course(folder):
    """A fresh course folder with every assignment released by nbgrader."""
    root = Path(folder).resolve()
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("grader_config.py", "nbgrader_config.py"):
        shutil.copy(REPO_ROOT / name, root / name)
    shutil.copytree(REPO_ROOT / "notebooks", root / "notebooks")
    shutil.copytree(REPO_ROOT / "source", root / "source")
    api = nbgrader_api(root)
    for name in assignments(root):
        result = api.generate_assignment(name, force=True)
        if not result["success"]:
            raise RuntimeError(f"releasing {name} failed:\n{result['log']}")
        print(f"released {name}")
    return root


def announce_images():
    """Say which cat images the demo grades on; the checkout's data/ counts for the demo folder too."""
    import os

    from nndl.course import find_data_dir

    found = find_data_dir(REPO_ROOT)
    if found:
        os.environ.setdefault("NNDL_DATA_DIR", found)
        print(f"images: the real cat / non-cat images in {found}")
    else:
        print("images: NONE FOUND, so the demo grades on SYNTHETIC stand-in images (put train_catvnoncat.h5 and "
              "test_catvnoncat.h5 in data/, or set NNDL_DATA_DIR, for the real ones)")


def run_demo(folder=None, workers=None):
    announce_images()
    root = prepare_course(folder or REPO_ROOT / "demo")
    names = assignments(root)
    plan = class_plan(names)
    for student, work in plan.items():
        for assignment, how in work.items():
            make_submission(root, student, assignment, how)
    name_students(root, plan)
    print(f"simulated {len(plan)} students; grading {sum(len(w) for w in plan.values())} submissions")
    outcomes = grade_class(root, workers=workers)
    write_report(root, outcomes, labels=student_labels(plan, names), work_labels=work_labels(plan, names))
    return root, plan, outcomes
