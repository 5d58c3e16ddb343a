"""What went wrong with one submission, as one typed record from where it was met to the class report.

Problems are met in many places: the client reading ``submitted/`` (a notebook missing or
unreadable), the worker looking at the test cells (deleted, renamed), the jail (a cell that
ran too long, a crash) and nbgrader itself (feedback that could not be made).  Each becomes a
:class:`Problem`, and only Problems travel: in :class:`nndl.pipeline.worker.Graded`, in the
``<notebook>.grading.json`` that :class:`nndl.grading.preprocessor.GradeInJail` writes, and
into the report.  A fault of the *course* (a reference that does not run, no jail on this
machine) is not a Problem: it stops the run (:class:`CourseFaultRecord` carries it out of
nbgrader, which deletes its output folder on failure).

``<notebook>.grading.json`` (written by the grader, never by student code) holds::

    {"isolated": bool, "contained": bool, "seconds": float, "jail_cpu_seconds": float | null,
     "problems": [{"text": str, "notebook": str, "kind": "submission" | "grader"}],
     "tests": {grade id: {"passed": int, "checks": int, "score": float, "points": float,
                          "mistakes": [catalogued mistake name (notebooks/mistakes.toml) that explains a failed check],
                          "message": str (its first failed check's message, as the feedback shows it; "" if none),
                          "fault": "" | "timeout" | "crash"}}}

or, when grading stopped on a fault of the course, ``{"course_fault": str}``.
"""
from dataclasses import asdict, dataclass

KINDS = ("submission", "grader")


@dataclass(frozen=True)
class Problem:
    """One thing that went wrong with a submission, in plain words for the instructor and the student."""

    text: str
    notebook: str = ""  # the notebook it concerns (its name, no .ipynb); "" for the whole submission
    kind: str = "submission"  # "submission": the student's files or code; "grader": the grading machinery

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"a problem's kind is one of {KINDS}, not {self.kind!r}")

    def __str__(self):
        return f"{self.notebook}.ipynb: {self.text}" if self.notebook else self.text

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(str(data["text"]), str(data.get("notebook", "")), str(data.get("kind", "submission")))


@dataclass(frozen=True)
class CourseFaultRecord:
    """A fault of the course met while grading one notebook: the class run stops with this message."""

    message: str

    def to_dict(self):
        return {"course_fault": self.message}
