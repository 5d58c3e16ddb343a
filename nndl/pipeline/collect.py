"""Take in an LMS download with nbgrader's own ``zip_collect``.

An LMS export is a .zip (or a folder) of files named
``<student id>__<notebook>.ipynb``; nbgrader extracts it under
``downloaded/<assignment>/`` and files each notebook as
``submitted/<student id>/<assignment>/<notebook>.ipynb``.

What goes to nbgrader is only ever regular files: a symbolic link in the download folder is
not followed, and an archive is copied member by member, leaving out links and members whose
names are absolute or climb out with ``..``; each thing left out is named on stderr.
"""
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

from nndl.course import course_root


def collect_download(root, assignment, download):
    """Collect ``download`` (a .zip file or a folder) for ``assignment``; returns the student ids found."""
    root = course_root(root)
    download = Path(download).resolve()
    if not download.exists():
        raise FileNotFoundError(f"{download} does not exist")
    if download.is_file() and not (zipfile.is_zipfile(download) or download.suffix == ".ipynb"
                                   or (download.name.endswith((".tar.gz", ".tgz")) and tarfile.is_tarfile(download))):
        raise ValueError(f"{download} is neither a .zip (or .tar.gz) archive nor a notebook: give the LMS's "
                         "download as it came, or a folder of <student id>__<notebook>.ipynb files")
    made = not (root / "downloaded").exists()
    try:
        return _collect(root, assignment, download)
    except BaseException:
        if made:  # nothing of a failed collection is left behind
            shutil.rmtree(root / "downloaded", ignore_errors=True)
        raise


def _collect(root, assignment, download):
    archive = root / "downloaded" / assignment / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    files = [download] if download.is_file() else sorted(download.iterdir())
    left_out = []
    for path in files:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            left_out.append(f"{path.name}: a symbolic link, not followed")
        elif stat.S_ISREG(mode):
            left_out += [f"{path.name}: {why}" for why in _copy_safely(path, archive / path.name)]
    if left_out:
        print(f"{len(left_out)} item(s) of {download} were left out:", *left_out, sep="\n  ", file=sys.stderr)
    before = _students(root, assignment)
    result = subprocess.run([sys.executable, "-m", "nbgrader", "zip_collect", assignment, "--force"],
                            cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"nbgrader zip_collect could not take in {download.name}: {last}")
    skipped = [l for l in result.stderr.splitlines() if "Skipped submission" in l]
    if skipped:
        print(f"{len(skipped)} file(s) were not named <student id>__<notebook>.ipynb and were skipped:",
              *skipped, sep="\n  ", file=sys.stderr)
    found = _students(root, assignment)
    if not found:
        raise RuntimeError(f"no submission for {assignment} in {download}: files must be named "
                           f"<student id>__<notebook>.ipynb")
    return sorted(found - before) or sorted(found)


def _copy_safely(path, dest):
    """Copy the file ``path`` to ``dest``; an archive is copied member by member, leaving out links and
    members named outside it.  Returns what was left out, in words."""
    if zipfile.is_zipfile(path):
        left_out = []
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as copy:
            for member in source.infolist():
                why = _unsafe(member.filename) or ("a symbolic link" if stat.S_ISLNK(member.external_attr >> 16) else "")
                if why:
                    left_out.append(f"{member.filename} ({why})")
                elif not member.is_dir():
                    with source.open(member) as data, copy.open(member.filename, "w") as out:
                        shutil.copyfileobj(data, out)
        return left_out
    if path.name.endswith((".tar.gz", ".tgz", ".gz")) and tarfile.is_tarfile(path):
        left_out = []
        with tarfile.open(path) as source, tarfile.open(dest, "w:gz") as copy:
            for member in source:
                why = _unsafe(member.name) or ("" if member.isfile() or member.isdir() else "a link or special file")
                if why:
                    left_out.append(f"{member.name} ({why})")
                elif member.isfile():
                    copy.addfile(member, source.extractfile(member))
        return left_out
    shutil.copyfile(path, dest)
    return []


def _unsafe(name):
    """Why a member named ``name`` would land outside the folder it is extracted to, or ""."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or (parts and parts[0].endswith(":")):
        return "an absolute path"
    return "a path with '..'" if ".." in parts else ""


def _students(root, assignment):
    return {p.parent.name for p in (root / "submitted").glob(f"*/{assignment}")}
