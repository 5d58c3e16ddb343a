"""Take in an LMS download with nbgrader's own ``zip_collect``.

An LMS export is a .zip (or a folder) of files named
``<student id>__<notebook>.ipynb``; nbgrader extracts it under
``downloaded/<assignment>/`` and files each notebook as
``submitted/<student id>/<assignment>/<notebook>.ipynb``.
"""
import shutil
import subprocess
import sys
from pathlib import Path

from nndl.course import course_root


def collect_download(root, assignment, download):
    """Collect ``download`` (a .zip file or a folder) for ``assignment``; returns the student ids found."""
    root = course_root(root)
    download = Path(download).resolve()
    if not download.exists():
        raise FileNotFoundError(f"{download} does not exist")
    archive = root / "downloaded" / assignment / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    files = [download] if download.is_file() else sorted(p for p in download.iterdir() if p.is_file())
    for path in files:
        shutil.copy(path, archive / path.name)
    before = _students(root, assignment)
    result = subprocess.run([sys.executable, "-m", "nbgrader", "zip_collect", assignment, "--force"],
                            cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader zip_collect failed:\n{result.stderr[-3000:]}")
    skipped = [l for l in result.stderr.splitlines() if "Skipped submission" in l]
    if skipped:
        print(f"{len(skipped)} file(s) were not named <student id>__<notebook>.ipynb and were skipped:",
              *skipped, sep="\n  ", file=sys.stderr)
    found = _students(root, assignment)
    if not found:
        raise RuntimeError(f"no submission for {assignment} in {download}: files must be named "
                           f"<student id>__<notebook>.ipynb")
    return sorted(found - before) or sorted(found)


def _students(root, assignment):
    return {p.parent.name for p in (root / "submitted").glob(f"*/{assignment}")}
