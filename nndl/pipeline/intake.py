"""Take in what students handed in: ``submitted/<student>/<assignment>/`` and nothing outside it.

Student folders come from an LMS download or a shared drive, so anything may be there: stray
files and folders, links into the course (``submitted/mallory -> ../source`` would hand in the
reference solution as mallory's work), a FIFO that blocks whoever opens it, a notebook nested
deeper than Python's parser can go, a notebook saved under another name.  Every entry is looked
at with ``lstat`` and opened with ``O_NOFOLLOW``: a symbolic link is never followed, whatever it
points to.  An entry that is not what it should be is set aside with one sentence naming it,
and the rest of the class is graded.

Set-aside entries are ``(name, sentence)`` pairs: the name is the entry of ``submitted/`` it
concerns (a student id, or a stray file's name), the sentence says what was done with it.
"""
import os
import stat
from pathlib import Path

from nndl.course import course_root, known_assignments
from nndl.grading.feedback import unreadable_page
from nndl.grading.problems import Problem
from nndl.pipeline.inspect_submission import read_problem
from nndl.pipeline.renamed import best_matches, parse
from nndl.grading.shipped_solutions import is_shipped_solution, shipped_solutions
from nndl.pipeline.worker import MAX_FILE_BYTES, Submission

MAX_CANDIDATES = 20  # other notebooks looked at for a missing one; a folder of hundreds is not read whole
LINK = "is a symbolic link; links in submitted/ are never followed, so it was not read"


def find_submissions(root, assignments=None, set_aside=None):
    """(student, assignment) pairs present in submitted/, sorted: real folders only.

    Whatever else is there (a stray file, a folder that is no assignment of the course, a link, a
    folder that cannot be listed) is not graded and, when ``set_aside`` (a list) is given, added
    to it as ``(name, sentence)``."""
    root = course_root(root)
    known = set(known_assignments(root))
    pairs, notes = [], []
    for student in _entries(root / "submitted", "submitted", notes):
        where = f"submitted/{student.name}"
        if _kind(student, where, notes) != "folder":
            continue
        for work in _entries(Path(student.path), where, notes, student.name):
            if work.name not in known:
                notes.append((student.name, f"{where}/{work.name} is not an assignment of this course; ignored"))
            elif _kind(work, f"{where}/{work.name}", notes, student.name) == "folder" and \
                    (assignments is None or work.name in assignments):
                pairs.append((student.name, work.name))
    if set_aside is not None:
        set_aside += notes
    return pairs


def _entries(folder, where, notes, owner=None):
    try:
        with os.scandir(folder) as found:
            return sorted(found, key=lambda e: e.name)
    except FileNotFoundError:
        return []
    except OSError as error:
        notes.append((owner or where, f"{where} cannot be read ({error.strerror or type(error).__name__}); "
                                      "nothing in it was graded"))
        return []


def _kind(entry, where, notes, owner=None):
    """"folder" for a real folder; anything else is noted as set aside."""
    owner = owner or entry.name
    try:
        if entry.is_symlink():
            notes.append((owner, f"{where} {LINK}"))
        elif entry.is_dir(follow_symlinks=False):
            return "folder"
        else:
            notes.append((owner, f"{where} is not a folder (submitted/ holds submitted/<student>/<assignment>/ "
                                 "folders); ignored"))
    except OSError as error:
        notes.append((owner, f"{where} cannot be read ({error.strerror}); ignored"))
    return ""


def read_submission(root, student, assignment, notebooks):
    """``(Submission or None, problems, pages)``: what a worker needs of ``submitted/<student>/<assignment>/``.

    A notebook that cannot be read is left out (it scores 0) and gets a feedback page saying why
    (``pages``: file name -> bytes, for ``feedback/<student>/<assignment>/``); one handed in under
    another name is recognised and graded under its own (:mod:`nndl.pipeline.renamed`); the
    Submission is None when nothing is left to grade."""
    root = Path(root)
    refused = _not_a_real_folder(root / "submitted", student, assignment)
    if refused:
        return None, [Problem(refused)], {}
    folder = root / "submitted" / student / assignment
    files, problems, pages = {}, [], {}
    others = _other_notebooks(folder, notebooks)
    for notebook in notebooks:
        data, problem = read_file(folder / f"{notebook}.ipynb", "the notebook file")
        if data is None and not problem:
            data, problem = _renamed(root, assignment, notebook, folder, others, problems)
            if data is None and not problem:
                problems.append(Problem("was not submitted: 0 points", notebook))
                continue
        problem = problem or read_problem(data)
        if problem:
            problems.append(Problem(f"{problem}: 0 points", notebook))
            pages[f"{notebook}.html"] = unreadable_page(assignment, notebook, problem).encode()
            continue
        files[f"{notebook}.ipynb"] = data
    if not files:
        return None, problems, pages
    for entry in _entries(folder, f"submitted/{student}/{assignment}", []):  # timestamp.txt, other files
        if entry.name.endswith(".ipynb"):
            continue
        data, problem = read_file(Path(entry.path), entry.name)
        shipped = data is not None and is_shipped_solution(entry.name, data, shipped_solutions(root, assignment))
        if shipped:  # the course's own reference solutions, handed back in: never graded
            problems.append(Problem(shipped))
        elif data is not None:
            files[entry.name] = data
        elif problem and not entry.is_dir(follow_symlinks=False):
            problems.append(Problem(f"{problem}; it was not taken in"))
    return Submission(student, assignment, files), problems, pages


def _not_a_real_folder(submitted, student, assignment):
    """Why ``submitted/<student>/<assignment>`` is not a real folder inside submitted/, or ""."""
    if any(name in ("", ".", "..") or "/" in name for name in (student, assignment)):
        return f"submitted/{student}/{assignment} is not a student's folder; not graded"
    for where in (Path(student), Path(student) / assignment):
        try:
            mode = os.lstat(submitted / where).st_mode
        except OSError as error:
            return f"submitted/{where} cannot be read ({error.strerror}); not graded"
        if stat.S_ISLNK(mode):
            return f"submitted/{where} {LINK}"
        if not stat.S_ISDIR(mode):
            return f"submitted/{where} is not a folder; not graded"
    return ""


def read_file(path, what):
    """``(bytes, "")``, or ``(None, why it cannot be taken in)``, or ``(None, "")`` when there is no such file.

    The file is read only if it is a regular file, not a link (checked with ``lstat`` and again
    on the open file), of at most :data:`MAX_FILE_BYTES`: never through a link, never blocked on
    a FIFO."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None, ""
    except OSError as error:
        return None, f"{what} is unreadable ({error.strerror}); it could not be graded"
    if stat.S_ISLNK(mode):
        return None, f"{what} is a symbolic link; links are never followed, so it is unreadable and could not be graded"
    if stat.S_ISDIR(mode):
        return None, f"{what} is a folder, not a file; it could not be graded"
    if not stat.S_ISREG(mode):
        return None, f"{what} is not a regular file (a FIFO, socket or device), so it is unreadable; it could not be graded"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                return None, f"{what} is not a regular file, so it is unreadable; it could not be graded"
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return None, f"{what} is unreadable ({error.strerror or type(error).__name__}); it could not be graded"
    if len(data) > MAX_FILE_BYTES:
        return None, f"{what} is larger than {MAX_FILE_BYTES >> 20} MB; it could not be graded"
    return data, ""


def _other_notebooks(folder, notebooks):
    """Notebook files in ``folder`` other than the expected ones, readable as notebooks: name -> bytes."""
    expected = {f"{n}.ipynb" for n in notebooks}
    names = [e.name for e in _entries(folder, "", []) if e.name.endswith(".ipynb") and e.name not in expected]
    found = {}
    for name in names[:MAX_CANDIDATES]:
        data, _ = read_file(folder / name, name)
        if data is not None and not read_problem(data):
            found[name] = data
    return found


def _renamed(root, assignment, notebook, folder, others, problems):
    """The bytes of the notebook in ``others`` that is ``notebook`` under another name (taken out of
    ``others``), with a note in ``problems``; ``(None, "")`` when none is."""
    if not others:
        return None, ""
    release = root / "release" / assignment / f"{notebook}.ipynb"
    matches = best_matches(parse(release.read_bytes()), {name: parse(data) for name, data in others.items()})
    if not matches:
        return None, ""
    chosen = matches[0]
    problems.append(Problem(f"graded {chosen.name} as {notebook}.ipynb (it was handed in under another name)",
                            notebook))
    if len(matches) > 1:
        problems.append(Problem(f"review: {', '.join(m.name for m in matches)} all look like {notebook}.ipynb; "
                                f"{chosen.name} was graded ({chosen.share:.0%} of the release's cells found in it)",
                                notebook))
    return others.pop(chosen.name), ""
