"""Grades out to the LMS: a tiny class graded with real nbgrader, exported for Canvas, Moodle and as plain CSV.

The class: alice (correct), bob (a mistake), carol (correct but late; the course's late plugin
gives late work a penalty of its whole score), dave (on the roster, handed in nothing) and zed
(graded, absent from the roster).
"""
import csv
import datetime
import io
import re
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from nndl.cli import main
from nndl.course import REPO_ROOT, gradebook_url, load_config
from nndl.export.roster import RosterError, read_roster
from nndl.export.run import export
from nndl.mistakes import MISTAKES
from nndl.simulate import filled_notebook, submit
from support import course_copy

A = "w2_numpy_basics"
ROSTER = """id,name,email,lms_id
alice,Alice Adams,alice@example.edu,1001
bob,Bob Brown,bob@example.edu,1002
carol,Carol Chen,carol@example.edu,1003
dave,Dave Diaz,dave@example.edu,1004
"""
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    from nndl.pipeline.autograde import grade_class

    root = course_copy(tmp_path_factory.mktemp("course"), [A],
                       extra_config='c.LateSubmissionPlugin.penalty_method = "zero"')
    with Gradebook(gradebook_url(root)) as gb:
        gb.update_or_create_assignment(A, duedate=datetime.datetime(2030, 1, 1))
    good = filled_notebook(root, A)
    for student in ("alice", "carol", "zed"):
        submit(root, student, A, good)
    submit(root, "bob", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    (root / "submitted" / "carol" / A / "timestamp.txt").write_text("2099-01-01 00:00:00.000000 UTC")
    (root / "submitted" / "alice" / A / "timestamp.txt").write_text("2029-12-31 23:00:00.000000 UTC")
    outcomes = grade_class(root, [(s, A) for s in ("alice", "bob", "carol", "zed")], workers=1, feedback=False,
                           stream=io.StringIO())
    assert all(o.graded for o in outcomes), [o.problems for o in outcomes]
    (root / "roster.csv").write_text(ROSTER)
    return root


def read(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def test_nbgrader_recorded_the_late_penalty(course):
    with Gradebook(gradebook_url(course)) as gb:
        carol, alice = gb.find_submission(A, "carol"), gb.find_submission(A, "alice")
        assert carol.total_seconds_late > 0 and carol.score == 14 and carol.late_submission_penalty == 14
        assert alice.total_seconds_late == 0 and alice.late_submission_penalty == 0


def test_canvas_file_has_canvas_layout_ids_from_the_roster_and_zeros(course, tmp_path):
    export(course, ["canvas"], to=tmp_path / "canvas.csv")
    rows = read(tmp_path / "canvas.csv")
    assert rows[0] == CANVAS_FIXED + [A]
    assert rows[1] == ["Points Possible", "", "", "", "", "14"]
    by_id = {r[1]: r for r in rows[2:]}
    assert list(by_id) == ["1001", "1002", "1003", "1004"]  # the roster's order; zed is left out
    assert by_id["1001"] == ["Alice Adams", "1001", "", "", "", "14"]
    assert 0 < float(by_id["1002"][5]) < 14
    assert by_id["1003"][5] == "0"  # late: nbgrader's penalty (the whole score) applied
    assert by_id["1004"][5] == "0"  # nothing handed in: counts 0


def test_canvas_columns_carry_the_canvas_assignment_id_and_chosen_id_column(course, tmp_path):
    from nndl.export.canvas import CanvasExport

    plugin = CanvasExport(config=load_config(course), to=str(tmp_path / "c.csv"),
                          assignment_ids={A: 4321}, id_column="SIS User ID")
    with Gradebook(gradebook_url(course)) as gb:
        plugin.export(gb)
    rows = read(tmp_path / "c.csv")
    assert rows[0] == CANVAS_FIXED + [f"{A} (4321)"]
    assert rows[2][:3] == ["Alice Adams", "", "1001"]


def test_moodle_file_maps_users_by_id_number_or_email_with_numeric_grades(course, tmp_path):
    export(course, ["moodle"], to=tmp_path / "moodle.csv")
    rows = read(tmp_path / "moodle.csv")
    assert rows[0] == ["ID number", "Email address", "Full name", A]
    assert [r[:2] for r in rows[1:]] == [["1001", "alice@example.edu"], ["1002", "bob@example.edu"],
                                         ["1003", "carol@example.edu"], ["1004", "dave@example.edu"]]
    grades = {r[0]: float(r[3]) for r in rows[1:]}  # every grade a number
    assert grades["1001"] == 14 and 0 < grades["1002"] < 14 and grades["1003"] == 0 and grades["1004"] == 0


def test_plain_file_keeps_everyone_with_status_total_and_percent(course, tmp_path):
    export(course, ["plain"], to=tmp_path / "plain.csv")
    rows = read(tmp_path / "plain.csv")
    assert rows[0] == ["student_id", "lms_id", "name", f"{A} score", f"{A} max", f"{A} status",
                       "total", "max_total", "percent"]
    by_student = {r[0]: r for r in rows[1:]}
    assert by_student["alice"] == ["alice", "1001", "Alice Adams", "14", "14", "submitted", "14", "14", "100.0"]
    assert by_student["carol"][3:6] == ["0", "14", "late"]
    assert by_student["dave"][3:] == ["0", "14", "missing", "0", "14", "0.0"]
    assert by_student["zed"][:6] == ["zed", "", "", "14", "14", "submitted"]  # graded, not on the roster


@pytest.mark.parametrize("policy, carol", [("accept", "14"), ("zero", "0"), ("penalty", "0")])
def test_late_policy_decides_what_late_work_scores(course, tmp_path, policy, carol):
    export(course, ["plain"], to=tmp_path / "plain.csv", late_policy=policy)
    by_student = {r[0]: r for r in read(tmp_path / "plain.csv")[1:]}
    assert by_student["carol"][3] == carol and by_student["carol"][5] == "late"
    assert by_student["alice"][3] == "14"  # on time: no policy touches it


def test_nndl_export_warns_about_students_missing_from_the_roster(course, capsys):
    assert main(["--root", str(course), "export"]) == 0
    err = capsys.readouterr().err
    assert "LEFT OUT" in err and "kept with an empty LMS id" in err and "zed" in err


def test_nbgrader_export_with_each_plugin_writes_the_same_file_as_nndl_export(course):
    assert main(["--root", str(course), "export"]) == 0
    names = {"canvas": "canvas_grades.csv", "moodle": "moodle_grades.csv", "plain": "export_grades.csv"}
    ours = {fmt: (course / "reports" / name).read_bytes() for fmt, name in names.items()}
    plugins = {"canvas": "canvas.CanvasExport", "moodle": "moodle.MoodleExport", "plain": "plain.PlainExport"}
    for fmt, name in names.items():
        (course / "reports" / name).unlink()
        result = subprocess.run([sys.executable, "-m", "nbgrader", "export", "--exporter",
                                 f"nndl.export.{plugins[fmt]}"], cwd=course, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
        assert (course / "reports" / name).read_bytes() == ours[fmt], fmt


def test_a_bad_roster_stops_nndl_export_saying_why(course, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(ROSTER + "alice,Alice Again,a2@example.edu,1009\n")
    assert main(["--root", str(course), "export", "--format", "canvas", "--roster", str(bad)]) == 2
    assert "student id 'alice' repeated" in capsys.readouterr().err


@pytest.mark.parametrize("text, message", [
    (ROSTER + "alice,Alice Again,a2@example.edu,1009\n", "line 6: student id 'alice' repeated"),
    (ROSTER + "eve,Eve,eve@example.edu,1001\n", "LMS id '1001' of 'eve' already given to 'alice'"),
    ("id,name,lms_id\nalice,Alice,1001\n", "lacks the column(s) email"),
    ("id,name,email,lms_id\n,Nobody,n@example.edu,1\n", "line 2: no student id"),
])
def test_roster_problems_are_named(tmp_path, text, message):
    (tmp_path / "roster.csv").write_text(text)
    with pytest.raises(RosterError, match=re.escape(message)):
        read_roster(tmp_path / "roster.csv")


def test_a_missing_roster_says_which_columns_to_write(tmp_path):
    with pytest.raises(RosterError, match="id,name,email,lms_id"):
        read_roster(tmp_path / "roster.csv")


def test_the_readme_roster_example_is_a_valid_roster(tmp_path):
    text = (REPO_ROOT / "README.md").read_text().split("Grades to the LMS", 1)[1]
    example = re.search(r"```csv\n(.*?)```", text, re.S).group(1)
    (tmp_path / "roster.csv").write_text(example)
    roster = read_roster(tmp_path / "roster.csv")
    assert len(roster) >= 2 and all(s.lms_id for s in roster.values())
