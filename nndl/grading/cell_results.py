"""One test cell's result for the class insight, as one typed record from the grader to the class report.

:class:`nndl.grading.preprocessor.GradeInJail` writes each test cell's result into
``<notebook>.grading.json`` (format: :mod:`nndl.grading.problems`); the grading worker reads it
back into :class:`CellResult` records (:class:`nndl.pipeline.worker.Graded`), the client keeps them in
its outcomes, and the report's insight (:mod:`nndl.pipeline.insight`) counts them.  They are never
stored in the gradebook: the gradebook keeps scores, these explain them.  ``message`` is a student's
result described by the grader (already cleaned for feedback); it is still shown escaped everywhere.
"""
from dataclasses import dataclass

FAULTS = ("", "timeout", "crash")


@dataclass(frozen=True)
class CellResult:
    notebook: str
    grade_id: str
    score: float
    points: float
    mistakes: tuple = ()  # names of the catalogued mistakes that explain its failed checks
    message: str = ""  # the first failed check's message ("" when every check passed)
    fault: str = ""  # "timeout": a graded call ran out of time; "crash": calls got no result

    @property
    def full(self):
        return self.score >= self.points

    @classmethod
    def from_report(cls, notebook, grade_id, data):
        fault = str(data.get("fault", ""))
        return cls(str(notebook), str(grade_id), float(data.get("score", 0.0)), float(data.get("points", 0.0)),
                   tuple(str(m) for m in data.get("mistakes", [])), str(data.get("message", "")),
                   fault if fault in FAULTS else "")
