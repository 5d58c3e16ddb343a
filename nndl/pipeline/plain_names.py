"""Names that become one folder's or one file's name on the grading side: checked before they are used.

A student id, an assignment, a course id or a submitted file's name is joined to a path by the
client and by workers (``submitted/<student>/<assignment>/<file>``); a name with a ``/``, a ``..``
or a NUL could reach outside that folder.  The records that carry such names between client and
workers (:class:`nndl.pipeline.worker.Submission`, :class:`nndl.pipeline.worker.Graded`,
:class:`nndl.pipeline.bundle.Bundle`) refuse them where they are made.
"""


def is_plain_name(name: object) -> bool:
    """A non-empty string usable as one folder's or file's name: no ``/``, not ``.`` or ``..``, no NUL."""
    return isinstance(name, str) and name not in ("", ".", "..") and "/" not in name and "\0" not in name


def require_plain_name(what: str, name: object) -> None:
    """Raise ``ValueError`` saying what is wrong unless ``name`` is a plain name."""
    if not is_plain_name(name):
        raise ValueError(f"{what} must be a plain name (not empty, no '/', not '.' or '..'), not {name!r}")
