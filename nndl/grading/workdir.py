"""Run student code away from the course folder: a throwaway copy of its folder, a scrubbed environment.

From the autograded folder, ``../../../source/`` holds the reference
solutions and hidden tests; code started there could read them.  The
kernel and the sandbox therefore start in a temporary copy of the
submission's folder, with none of the grader's paths in their environment
(``PWD``, nbgrader's and Jupyter's variables).  The files of the course's
data folder, if any, are copied next to it and handed over as
``NNDL_DATA_DIR``, so that student and reference read the same files without
learning where the course lives.  This stops casual snooping only; the
README says how to isolate grading at the operating-system level.
"""
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

HIDDEN_VARIABLES = ("PWD", "OLDPWD")
HIDDEN_PREFIXES = ("NBGRADER", "JPY")


def data_dir(start):
    """NNDL_DATA_DIR if set, else the first non-empty ``data/`` folder at or above ``start``."""
    if os.environ.get("NNDL_DATA_DIR"):
        return os.environ["NNDL_DATA_DIR"]
    for folder in (Path(start).resolve(), *Path(start).resolve().parents):
        candidate = folder / "data"
        if candidate.is_dir() and any(candidate.iterdir()):
            return str(candidate)
    return None


@contextmanager
def isolated(folder):
    """``(work folder, environment)`` for running a notebook's code away from the course folder.

    The work folder is a temporary copy of ``folder``; beside it, ``data/`` holds copies of the
    files of the data folder found from ``folder`` (see :func:`data_dir`).  Both go afterwards.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in HIDDEN_VARIABLES and not k.startswith(HIDDEN_PREFIXES)}
    env.pop("NNDL_DATA_DIR", None)
    found = data_dir(folder)
    with tempfile.TemporaryDirectory(prefix="nndl-work-") as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(folder, work, ignore=shutil.ignore_patterns("*.grading.json"))
        if found:
            copy = Path(tmp) / "data"
            copy.mkdir()
            for path in Path(found).iterdir():
                if path.is_file():
                    shutil.copyfile(path, copy / path.name)
            env["NNDL_DATA_DIR"] = str(copy)
        yield str(work), env


@contextmanager
def environment(env):
    """Temporarily replace os.environ (a kernel started meanwhile inherits ``env``)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
