"""The class report: a score table, who needs help, grades.csv, needs_help.csv and grades.png; and the
class insight (:mod:`nndl.pipeline.insight`): misconceptions.csv, item_analysis.csv, regrade_changes.csv
and index.html, the one page an instructor opens the morning after a deadline.

Missing work counts 0: an assignment a student did not submit adds its full points to the
student's maximum and nothing to their score, and is listed as "not submitted".
"""
import csv
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from nndl.course import assignments as course_assignments, course_root, gradebook_url
from nndl.grade_ids import answer_of

HELP_THRESHOLD = 60.0  # percent: students below it are listed as needing help
NOT_SUBMITTED = "not submitted"


@dataclass
class ClassGrades:
    students: list
    assignments: list
    scores: dict  # (student, assignment) -> (score, max score) or None when not submitted
    questions: dict  # (assignment, grade id) -> list of score fractions, one per graded student
    maxima: dict = field(default_factory=dict)  # assignment -> its max score (what missing work is out of)
    cells: dict = field(default_factory=dict)  # (student, assignment) -> [(grade id, score, max score)]

    def entry(self, student, assignment):
        """(score, max score) with missing work as (0, the assignment's max); None if even that is unknown."""
        got = self.scores.get((student, assignment))
        if got is not None:
            return got
        top = self.maxima.get(assignment)
        return (0.0, top) if top is not None else None

    def missing(self, student, assignment):
        return self.scores.get((student, assignment)) is None

    def total(self, student):
        """The student's total percentage over every assignment of the report, missing work as 0."""
        entries = [e for a in self.assignments if (e := self.entry(student, a))]
        top = sum(e[1] for e in entries)
        return 100 * sum(e[0] for e in entries) / top if top else None


def read_grades(root, students, assignments):
    root = course_root(root)
    scores, questions, maxima, cells = {}, {}, {}, {}
    with Gradebook(gradebook_url(root)) as gb:
        for assignment in assignments:
            try:
                maxima[assignment] = gb.find_assignment(assignment).max_score
            except MissingEntry:
                pass
            for student in students:
                try:
                    submission = gb.find_submission(assignment, student)
                except MissingEntry:
                    scores[(student, assignment)] = None
                    continue
                scores[(student, assignment)] = (submission.score, submission.max_score)
                mine = cells.setdefault((student, assignment), [])
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        if grade.max_score:
                            score = grade.score or 0.0
                            mine.append((grade.name, score, grade.max_score))
                            questions.setdefault((assignment, grade.name), []).append(score / grade.max_score)
    return ClassGrades(students, assignments, scores, questions, maxima, cells)


def _percent(value):
    return "—" if value is None else f"{value:.0f}%"


def table(grades, labels=None, failed=()):
    """The per-student / per-assignment score table, as text; missing work shows as "0/N missing", work a
    fault of the machinery left not graded (``failed``: (student, assignment) pairs) as "NOT GRADED"."""
    labels = labels or {}
    header = ["student"] + grades.assignments + ["total"] + (["what this student did"] if labels else [])
    rows = []
    for student in grades.students:
        cells = []
        for assignment in grades.assignments:
            entry = grades.entry(student, assignment)
            if (student, assignment) in failed:
                cells.append("NOT GRADED" if grades.missing(student, assignment)
                             else f"{entry[0]:g}/{entry[1]:g} (earlier; NOT regraded)")
            elif entry is None:
                cells.append(NOT_SUBMITTED)
            elif grades.missing(student, assignment):
                cells.append(f"0/{entry[1]:g} missing")
            else:
                cells.append(f"{entry[0]:g}/{entry[1]:g}")
        rows.append([student] + cells + [_percent(grades.total(student))]
                    + ([labels.get(student, "")] if labels else []))
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if any(grades.missing(s, a) and (s, a) not in failed for s in grades.students for a in grades.assignments):
        lines.append("(missing = not submitted; it counts 0 in the total)")
    if failed:
        lines.append("(NOT GRADED = a fault of the grading machinery, not the student's: see below; "
                     "`nndl grade` grades it again)")
    return "\n".join(lines)


def needs_help(grades, threshold=HELP_THRESHOLD):
    """The students whose total is below ``threshold`` percent, lowest first, with what they lost.

    Returns ``[(student, total percent, [(assignment, function, score, max score, note)])]``:
    one item per test cell lost (not at full marks) and per assignment not submitted.
    """
    found = []
    for student in grades.students:
        total = grades.total(student)
        if total is None or total >= threshold:
            continue
        lost = []
        for assignment in grades.assignments:
            if grades.missing(student, assignment):
                top = grades.maxima.get(assignment)
                lost.append((assignment, "", 0.0, top, NOT_SUBMITTED))
                continue
            for grade_id, score, top in grades.cells.get((student, assignment), []):
                if score < top:
                    lost.append((assignment, answer_of(grade_id), score, top,
                                 "no points" if score == 0 else "partial credit"))
        found.append((student, total, lost))
    return sorted(found, key=lambda item: (item[1], item[0]))


def help_text(helped, threshold=HELP_THRESHOLD):
    if not helped:
        return f"Needs help: nobody is below {threshold:g}%."
    lines = [f"Needs help (below {threshold:g}%), lowest first, and where they lost points:"]
    for student, total, lost in helped:
        lines.append(f"  {student} ({total:.0f}%):")
        by_assignment = {}
        for assignment, function, score, top, note in lost:
            text = (f"not submitted (0/{top:g})" if note == NOT_SUBMITTED
                    else f"{function} {score:g}/{top:g}")
            by_assignment.setdefault(assignment, []).append(text)
        for assignment, items in by_assignment.items():
            lines.append(f"    {assignment}: {', '.join(items)}")
    return "\n".join(lines)


def write_needs_help(helped, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "total_percent", "assignment", "function", "score", "max_score", "what"])
        for student, total, lost in helped:
            for assignment, function, score, top, note in lost:
                writer.writerow([student, f"{total:.1f}", assignment, function, f"{score:g}",
                                 "" if top is None else f"{top:g}", note])


def write_csv(grades, outcomes, path, labels=None):
    """grades.csv: one row per student and assignment; ``labels`` ((student, assignment) -> a few words) adds a
    column saying what the student did in that assignment."""
    notes = {}
    for o in outcomes:
        notes.setdefault((o.student, o.assignment), []).extend(str(p) for p in o.problems)
        if getattr(o, "not_graded", ""):
            notes[(o.student, o.assignment)].insert(0, f"NOT GRADED (a fault of the grading machinery): {o.not_graded}")
    labels = labels or {}
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "score", "max_score", "percent", "notes"]
                        + (["what this student did"] if labels else []))
        for student in grades.students:
            for assignment in grades.assignments:
                extra = [labels.get((student, assignment), "")] if labels else []
                entry = grades.entry(student, assignment)
                if grades.missing(student, assignment) and notes.get((student, assignment), [""])[0].startswith("NOT GRADED"):
                    writer.writerow([student, assignment, "", "" if entry is None else f"{entry[1]:g}", "",
                                     "; ".join(notes[(student, assignment)])] + extra)
                elif grades.missing(student, assignment):
                    top = "" if entry is None else f"{entry[1]:g}"
                    writer.writerow([student, assignment, "0", top, "0.0" if top else "",
                                     "not submitted: counts 0"] + extra)
                else:
                    percent = 100 * entry[0] / entry[1] if entry[1] else 0.0
                    writer.writerow([student, assignment, f"{entry[0]:g}", f"{entry[1]:g}", f"{percent:.1f}",
                                     "; ".join(notes.get((student, assignment), []))] + extra)


def write_png(grades, path, unisolated=False, threshold=HELP_THRESHOLD, unauthenticated=False):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    totals = {s: t for s in grades.students if (t := grades.total(s)) is not None}
    names = [f"{a}: {answer_of(q)}" for a, q in grades.questions]
    means = [100 * sum(v) / len(v) for v in grades.questions.values()]
    order = sorted(range(len(means)), key=lambda i: (means[i], names[i]))
    students = sorted(totals, key=lambda s: (totals[s], s))
    rows = max(len(names), len(students), 8)
    fig, (left, middle, right) = plt.subplots(1, 3, figsize=(19, 0.28 * rows + 2.5),
                                              gridspec_kw={"width_ratios": [1, 1, 1.6]})

    counts, _, bars = left.hist(list(totals.values()), bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001],
                                color="#4C72B0", edgecolor="white")
    left.bar_label(bars, labels=[f"{int(c)}" if c else "" for c in counts])
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.set(title="Grade distribution (missing work counts 0)", xlabel="total score (%)", ylabel="students",
             xlim=(0, 100), ylim=(0, max(counts.max() if len(counts) else 0, 1) * 1.15))

    colours = ["#C44E52" if totals[s] < threshold else "#55A868" for s in students]
    # a total of 0 % still shows a sliver of its colour, so a failing student is never an empty row
    bars = middle.barh(students, [max(totals[s], 0.8) for s in students], color=colours)
    middle.bar_label(bars, labels=[f"{totals[s]:.0f}%" for s in students], padding=3, fontsize=8)
    middle.axvline(threshold, color="#C44E52", linestyle="--", linewidth=1)
    middle.invert_yaxis()  # lowest at the top, as the title says
    middle.set(title=f"Students, lowest first (red: below {threshold:g}%)", xlabel="total score (%)",
               xlim=(0, 112))
    middle.tick_params(axis="y", labelsize=8)

    bars = right.barh([names[i] for i in order], [means[i] for i in order], color="#DD8452")
    right.bar_label(bars, labels=[f"{means[i]:.0f}%" for i in order], padding=3, fontsize=7)
    right.invert_yaxis()  # lowest at the top, as the title says
    right.set(title="Question difficulty (mean score, lowest first)", xlabel="mean score (%)", xlim=(0, 112))
    right.tick_params(axis="y", labelsize=7)
    warnings = ["graded WITHOUT isolation (--unisolated)"] * unisolated \
        + ["graded on an UNAUTHENTICATED cluster (--insecure)"] * unauthenticated
    if warnings:
        fig.suptitle("; ".join(warnings), color="#B00020", fontweight="bold")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def notes_text(grades, outcomes):
    """What happened to each submission that was not graded as it came, and the work not submitted."""
    lines = []
    failed = {(o.student, o.assignment) for o in outcomes if getattr(o, "not_graded", "")}
    for o in sorted(outcomes, key=lambda o: (o.student, o.assignment)):
        if getattr(o, "not_graded", ""):
            lines.append(f"  {o.student} / {o.assignment}: NOT GRADED, a fault of the grading machinery: {o.not_graded}")
        for problem in o.problems:
            lines.append(f"  {o.student} / {o.assignment}: {problem}")
    for student in grades.students:
        for assignment in grades.assignments:
            if grades.missing(student, assignment) and (student, assignment) not in failed:
                top = grades.maxima.get(assignment)
                out_of = f" (0 of {top:g} points)" if top is not None else ""
                lines.append(f"  {student} / {assignment}: not submitted; it counts 0{out_of}")
    return "\n".join(["What happened to some submissions:"] + lines) if lines else ""


def write_report(root, outcomes, folder="reports", labels=None, threshold=HELP_THRESHOLD, work_labels=None):
    """Print the table, the notes and who needs help; write grades.csv, needs_help.csv and grades.png; then
    the class insight (:func:`write_insight`): misconceptions, item analysis, regrade changes, index.html.

    ``labels`` (student -> a few words) adds a column to the printed table saying what each student did, and
    ``work_labels`` ((student, assignment) -> a few words) one to grades.csv saying what they did in each
    assignment (the demo's simulated students).  Returns ``(grades, grades.csv, grades.png)``.
    """
    root = course_root(root)
    out = Path(root) / folder
    out.mkdir(parents=True, exist_ok=True)
    students = sorted({o.student for o in outcomes if o.assignment != "?"} | set(labels or {}))
    known = set(course_assignments(root))
    graded = {o.assignment for o in outcomes if o.graded or o.assignment in known}
    assignments = [a for a in course_assignments(root) if a in graded] + sorted(graded - known)
    grades = read_grades(root, students, assignments)
    unisolated = any(not getattr(o, "isolated", True) for o in outcomes)
    if unisolated:
        print("*** GRADED WITHOUT ISOLATION (--unisolated): student code ran outside the jail. ***")
    unauthenticated = any(not getattr(o, "authenticated", True) for o in outcomes)
    if unauthenticated:
        print("*** GRADED ON AN UNAUTHENTICATED CLUSTER (--insecure): anyone who could reach its scheduler could "
              "read the hidden tests and change these grades. ***")
    print(table(grades, labels, {(o.student, o.assignment) for o in outcomes if getattr(o, "not_graded", "")}))

    notes = notes_text(grades, outcomes)
    if notes:
        print("\n" + notes)
    helped = needs_help(grades, threshold)
    print("\n" + help_text(helped, threshold))
    write_csv(grades, outcomes, out / "grades.csv", work_labels)
    write_needs_help(helped, out / "needs_help.csv")
    write_png(grades, out / "grades.png", unisolated, threshold, unauthenticated)
    write_insight(root, out, grades, outcomes, helped, threshold, unisolated)
    print(f"\nWrote {out / 'grades.csv'}, {out / 'needs_help.csv'}, {out / 'grades.png'}, "
          f"{out / 'index.html'} (the class report) and feedback HTML in {Path(root) / 'feedback'}")
    return grades, out / "grades.csv", out / "grades.png"


def write_insight(root, out, grades, outcomes, helped, threshold=HELP_THRESHOLD, unisolated=False):
    """Print the top misconceptions, the test cells to look at and what a regrade changed; write
    misconceptions.csv, item_analysis.csv, regrade_changes.csv and index.html into ``out``."""
    from nndl.pipeline.insight import history, items, misconceptions, page

    found = misconceptions.misconceptions(outcomes, root)
    analysed = items.item_analysis(grades, outcomes)
    runs = {o.run for o in outcomes if getattr(o, "run", "")}
    changes = [c for run in sorted(runs) for c in history.changes(root, run)]
    print("\n" + misconceptions.text(found))
    print("\n" + items.text(analysed))
    if changes:
        print("\n" + history.text(changes))
    misconceptions.write_csv(found, out / "misconceptions.csv")
    items.write_csv(analysed, out / "item_analysis.csv")
    history.write_csv(changes, out / "regrade_changes.csv")
    page.write_page(out / "index.html", root, grades, helped, found, analysed, changes, threshold,
                    png=out / "grades.png", unisolated=unisolated)
