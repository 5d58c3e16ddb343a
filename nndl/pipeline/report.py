"""The class report: a score table, grades.csv, and a PNG of the grade distribution and question difficulty."""
import csv
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from nndl.course import assignments as course_assignments, course_root, gradebook_url


@dataclass
class ClassGrades:
    students: list
    assignments: list
    scores: dict  # (student, assignment) -> (score, max score) or None when not submitted
    questions: dict  # (assignment, grade id) -> list of score fractions, one per graded student


def read_grades(root, students, assignments):
    root = course_root(root)
    scores, questions = {}, {}
    with Gradebook(gradebook_url(root)) as gb:
        for assignment in assignments:
            for student in students:
                try:
                    submission = gb.find_submission(assignment, student)
                except MissingEntry:
                    scores[(student, assignment)] = None
                    continue
                scores[(student, assignment)] = (submission.score, submission.max_score)
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.max_score:
                            questions.setdefault((assignment, grade.name), []).append(
                                grade.score / grade.max_score)
    return ClassGrades(students, assignments, scores, questions)


def table(grades):
    """The per-student / per-assignment score table, as text."""
    header = ["student"] + grades.assignments + ["total"]
    rows = []
    for student in grades.students:
        cells, got, top = [], 0.0, 0.0
        for assignment in grades.assignments:
            entry = grades.scores.get((student, assignment))
            if entry is None:
                cells.append("—")
                continue
            cells.append(f"{entry[0]:g}/{entry[1]:g}")
            got, top = got + entry[0], top + entry[1]
        rows.append([student] + cells + [f"{100 * got / top:.0f}%" if top else "—"])
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def write_csv(grades, outcomes, path):
    notes = {(o.student, o.assignment): "; ".join(o.problems) for o in outcomes}
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "score", "max_score", "percent", "notes"])
        for student in grades.students:
            for assignment in grades.assignments:
                entry = grades.scores.get((student, assignment))
                if entry is None:
                    writer.writerow([student, assignment, "", "", "", "not submitted"])
                else:
                    percent = 100 * entry[0] / entry[1] if entry[1] else 0.0
                    writer.writerow([student, assignment, f"{entry[0]:g}", f"{entry[1]:g}", f"{percent:.1f}",
                                     notes.get((student, assignment), "")])


def write_png(grades, path, unisolated=False):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    totals = []
    for student in grades.students:
        entries = [e for a in grades.assignments if (e := grades.scores.get((student, a)))]
        top = sum(e[1] for e in entries)
        if top:
            totals.append(100 * sum(e[0] for e in entries) / top)
    names = [f"{a}: {q}" for a, q in grades.questions]
    means = [100 * sum(v) / len(v) for v in grades.questions.values()]
    order = sorted(range(len(means)), key=lambda i: means[i])
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, max(4, 0.28 * len(names) + 1.5)),
                                      gridspec_kw={"width_ratios": [1, 1.6]})
    left.hist(totals, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#4C72B0", edgecolor="white")
    left.set(title="Grade distribution", xlabel="total score (%)", ylabel="students", xlim=(0, 100))
    right.barh([names[i] for i in order], [means[i] for i in order], color="#DD8452")
    right.set(title="Question difficulty (mean score, lowest first)", xlabel="mean score (%)", xlim=(0, 100))
    right.tick_params(axis="y", labelsize=7)
    if unisolated:
        fig.suptitle("graded WITHOUT isolation (--unisolated)", color="#B00020", fontweight="bold")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(root, outcomes, folder="reports"):
    """Print the table and the per-student notes; write grades.csv and grades.png. Returns their paths."""
    root = course_root(root)
    out = Path(root) / folder
    out.mkdir(parents=True, exist_ok=True)
    students = sorted({o.student for o in outcomes})
    known = set(course_assignments(root))
    graded = {o.assignment for o in outcomes if o.graded or o.assignment in known}
    assignments = [a for a in course_assignments(root) if a in graded] + sorted(graded - known)
    grades = read_grades(root, students, assignments)
    unisolated = any(not getattr(o, "isolated", True) for o in outcomes)
    if unisolated:
        print("*** GRADED WITHOUT ISOLATION (--unisolated): student code ran outside the jail. ***")
    print(table(grades))
    noted = [o for o in outcomes if o.problems]
    if noted:
        print("\nWhat happened to some submissions:")
        for o in noted:
            for problem in o.problems:
                print(f"  {o.student} / {o.assignment}: {problem}")
    write_csv(grades, outcomes, out / "grades.csv")
    write_png(grades, out / "grades.png", unisolated)
    print(f"\nWrote {out / 'grades.csv'}, {out / 'grades.png'} and feedback HTML in {Path(root) / 'feedback'}")
    return grades, out / "grades.csv", out / "grades.png"
