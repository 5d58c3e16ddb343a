"""``nndl similarity ASSIGNMENT``: read the class and the known solutions, compare, write the report."""
from pathlib import Path

from nndl.course import course_root
from nndl.similarity.code import read_assignment, read_class, read_known
from nndl.similarity.compare import compare
from nndl.similarity.pages import table, write_reports


def run_similarity(root, assignment, against=None, threshold=0.6, common=0.1, max_chance=1.0):
    """Compare the class's submissions of ``assignment``; return (the terminal table, the Result).

    The CSV, the pages and the index are written under reports/."""
    root = course_root(root)
    if against and not Path(against).is_dir():
        raise FileNotFoundError(f"--against {against}: not a folder")
    parts = read_assignment(root, assignment)
    students, skipped = read_class(root, assignment, parts)
    known, known_skipped = read_known(against, parts) if against else ([], [])
    result = compare(students, known, parts, threshold=threshold, common=common, max_chance=max_chance)
    result.skipped = skipped + known_skipped + result.skipped
    csv_path = write_reports(root, assignment, result, threshold)
    where = f"\n\nwrote {csv_path} and {root / 'reports' / 'similarity' / assignment}/index.html"
    return table(result) + where, result
