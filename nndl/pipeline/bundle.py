"""An assignment's instructor bundle: everything a grading worker needs, and nothing else.

A worker never sees the course folder.  Before a class is graded, the client packs, per
assignment, one plain tar archive (the documented format below) and ships it to every
worker once; each task then carries only a submission's bytes.  The archive holds::

    grader_config.py          the course's nbgrader configuration (trusted: the instructor's)
    notebooks/mistakes.toml   the course's catalogue of typical mistakes (run as mutant references), if any
    source/<assignment>/...   the instructor's notebooks and files, checked by the preflight
    gradebook.db              a SQLite gradebook holding only this assignment's release record
                              (notebooks, cells, checksums, due date), copied from the real one
    data/...                  the data files the notebooks read (the cat images), if any
    cache/...                 the reference's and the mutants' results on the hidden inputs

It is identified by the sha256 of its bytes, so a worker unpacks each bundle once and a
release edited later can never be mixed up with it.  The bundle goes from the client (the
instructor's process) to workers the instructor runs; no student ever sees it.
"""
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, text

from nndl.course import course_root, find_data_dir, load_config
from nndl.mistakes import CATALOGUE
from nndl.pipeline.plain_names import require_plain_name

if TYPE_CHECKING:
    from nbgrader.api import Gradebook

CACHE = Path(".nndl-cache") / "reference"


@dataclass(frozen=True)
class Bundle:
    """One assignment's instructor bundle, identified by the sha256 of its archive (computed here).

    Checked where it is made: an assignment or course id that is not a plain name, or an archive
    that is not bytes, raises ``ValueError``.  It reaches workers as Dask sends any task argument (the
    client and the workers are the instructor's own processes); what it carries is the plain tar above."""

    assignment: str
    course_id: str
    archive: bytes  # a tar archive laid out as the module docstring says
    unisolated: bool = False
    digest: str = field(init=False)  # the sha256 of ``archive``, hex

    def __post_init__(self) -> None:
        require_plain_name("a bundle's assignment", self.assignment)
        require_plain_name("a bundle's course id", self.course_id)
        if not isinstance(self.archive, bytes):
            raise ValueError(f"a bundle's archive is bytes, not {type(self.archive).__name__}")
        if not isinstance(self.unisolated, bool):
            raise ValueError(f"a bundle's unisolated is True or False, not {self.unisolated!r}")
        object.__setattr__(self, "digest", hashlib.sha256(self.archive).hexdigest())


def make_bundle(root: str | Path | None, assignment: str, cache_keys: Iterable[str],
                unisolated: bool = False) -> Bundle:
    """Pack ``assignment`` of the course at ``root``; ``cache_keys`` name the reference cache entries to ship."""
    root = course_root(root)
    config = load_config(root)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar, tempfile.TemporaryDirectory() as tmp:
        tar.add(root / "grader_config.py", "grader_config.py")
        if (root / CATALOGUE).is_file():
            tar.add(root / CATALOGUE, str(CATALOGUE))
        tar.add(root / "source" / assignment, f"source/{assignment}", filter=_no_bytecode)
        db = Path(tmp) / "gradebook.db"
        copy_release_record(config.CourseDirectory.db_url, "sqlite:///" + str(db), assignment,
                            config.CourseDirectory.course_id)
        tar.add(db, "gradebook.db")
        data_dir = find_data_dir(root)
        for path in sorted(Path(data_dir).iterdir()) if data_dir else []:
            if path.is_file():
                tar.add(path, f"data/{path.name}")
        for key in cache_keys:
            for suffix in (".json", ".npz"):
                path = root / CACHE / f"{key}{suffix}"
                if path.is_file():
                    tar.add(path, f"cache/{key}{suffix}")
    return Bundle(assignment, config.CourseDirectory.course_id, buffer.getvalue(), unisolated)


def _no_bytecode(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    return None if "__pycache__" in info.name or info.name.endswith(".pyc") else info


def copy_release_record(source_url: str, dest_url: str, assignment: str, course_id: str) -> None:
    """Copy ``assignment``'s release record (not its submissions) from one gradebook to another."""
    from nbgrader.api import Gradebook

    with Gradebook(source_url, course_id) as src:
        _blank_gradebook(dest_url, src.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
        with Gradebook(dest_url, course_id) as dest:
            _copy_record(src, dest, assignment)


def _blank_gradebook(url: str, version: str) -> None:
    """nbgrader's tables, stamped with the migration ``version`` of the gradebook it is copied from.

    (Left to nbgrader, a new gradebook asks the ``alembic`` program for its version: a process that
    takes about a second, once per assignment and per grading run.)"""
    from nbgrader.api import Base

    engine = create_engine(url)
    try:
        Base.metadata.create_all(bind=engine)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
    finally:
        engine.dispose()


def _copy_record(src: "Gradebook", dest: "Gradebook", assignment: str) -> None:
    record = src.find_assignment(assignment)
    record = src.find_assignment(assignment)
    dest.update_or_create_assignment(assignment, duedate=record.duedate)
    for notebook in record.notebooks:
        name = notebook.name
        dest.update_or_create_notebook(name, assignment)
        for cell in notebook.grade_cells:
            dest.update_or_create_grade_cell(cell.name, name, assignment, max_score=cell.max_score,
                                             cell_type=cell.cell_type)
        for cell in notebook.solution_cells:
            dest.update_or_create_solution_cell(cell.name, name, assignment)
        for cell in notebook.task_cells:
            dest.update_or_create_task_cell(cell.name, name, assignment, max_score=cell.max_score,
                                            cell_type=cell.cell_type)
        for cell in notebook.source_cells:
            dest.update_or_create_source_cell(cell.name, name, assignment, cell_type=cell.cell_type,
                                              locked=cell.locked, source=cell.source, checksum=cell.checksum)


SCRATCH_CONFIG = '''\
# A grading worker's private course folder, unpacked from an instructor bundle (nndl.pipeline.bundle).
c = get_config()  # noqa: F821
load_subconfig("grader_config.py")  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.db_url = {db_url!r}
c.CourseSettings.data_dir = {data_dir!r}
c.CourseSettings.cache_dir = {cache_dir!r}
c.CourseSettings.unisolated = {unisolated!r}
'''


def unpack(bundle: Bundle, into: str | Path, data_home: str | Path | None = None) -> Path:
    """Unpack ``bundle`` into the empty folder ``into``: a course folder nbgrader can grade in.

    Its data files go to a folder named after their content below ``data_home`` (default: next
    to ``into``), unpacked once: every bundle of a worker that carries the same cat images then
    names the same data folder, so the worker starts one template jail for all its assignments
    (:mod:`nndl.jail.template` keeps one per data folder), not one per assignment."""
    into = Path(into)
    with tarfile.open(fileobj=io.BytesIO(bundle.archive)) as tar:
        members = tar.getmembers()
        data = [m for m in members if m.name.startswith("data/")]
        _extract(tar, into, [m for m in members if not m.name.startswith("data/")])
        data_dir = _shared_data(tar, data, Path(data_home or into.parent)) if data else into / "data"
    data_dir.mkdir(exist_ok=True)
    (into / "nbgrader_config.py").write_text(SCRATCH_CONFIG.format(
        root=str(into), course_id=bundle.course_id, db_url="sqlite:///" + str(into / "gradebook.db"),
        data_dir=str(data_dir), cache_dir=str(into / "cache"), unisolated=bundle.unisolated))
    os.chmod(into, 0o700)
    return into


def _shared_data(tar: tarfile.TarFile, members: list[tarfile.TarInfo], home: Path) -> Path:
    """The folder below ``home`` holding exactly the data ``members`` of ``tar``, named by their sha256."""
    digest = hashlib.sha256()
    for member in sorted(members, key=lambda m: m.name):
        digest.update(member.name.encode() + b"\0")
        if member.isfile():
            digest.update(tar.extractfile(member).read())
        digest.update(b"\0")
    folder = home / f"nndl-data-{digest.hexdigest()[:32]}"
    if not folder.is_dir():
        fresh = Path(tempfile.mkdtemp(prefix=".nndl-data-", dir=home))
        _extract(tar, fresh, members)
        (fresh / "data").mkdir(exist_ok=True)
        try:
            (fresh / "data").rename(folder)
        except OSError:  # another thread of this worker unpacked the same data first
            if not folder.is_dir():
                raise
        shutil.rmtree(fresh, ignore_errors=True)
    return folder


def _extract(tar: tarfile.TarFile, into: Path, members: list[tarfile.TarInfo]) -> None:
    """Extract ``members`` of ``tar`` into ``into``: only plain files and folders, nothing outside it.

    A bundle is made by the instructor's own ``nndl grade``, but a worker checks anyway.  Python's
    ``filter="data"`` does that where it exists (3.10.12, 3.11.4 and later); Debian 12's Python 3.11.2
    has no ``filter`` argument, so there the same rules are checked here first."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(into, members=members, filter="data")
        return
    for member in members:
        parts = Path(member.name).parts
        if not (member.isfile() or member.isdir()) or Path(member.name).is_absolute() or ".." in parts:
            raise ValueError(f"refusing to unpack {member.name!r} from a bundle: not a plain file or folder inside it")
        member.mode = (member.mode & 0o755) | (0o700 if member.isdir() else 0o600)
    tar.extractall(into, members=members)
