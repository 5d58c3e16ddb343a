"""RepairTestCells: the first sanitize step, so that tampered cell metadata cannot crash nbgrader.

nbgrader 0.9 stops with a KeyError on a submission whose test cell was
duplicated or had its grade id changed.  Before nbgrader looks at the
notebook, this step takes the nbgrader metadata off every cell whose grade
id the gradebook does not know, and off every repeat of a grade id.  Those
cells stay in the notebook as ordinary cells; the real test cell, now
missing, is put back from the gradebook by OverwriteCells (with
``add_missing_cells``) and graded as usual.
"""
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor


class RepairTestCells(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            known = {c.name for c in gb.find_notebook(info["notebook"], info["assignment"]).source_cells}
        seen = set()
        for cell in nb.cells:
            meta = cell.get("metadata", {})
            if "nbgrader" not in meta:
                continue
            grade_id = meta["nbgrader"].get("grade_id") if isinstance(meta["nbgrader"], dict) else None
            if grade_id not in known or grade_id in seen:
                self.log.warning("Ignoring nbgrader metadata of a cell with grade id %r (unknown or repeated)",
                                 grade_id)
                del meta["nbgrader"]
                meta.pop("editable", None)
                meta.pop("deletable", None)
                continue
            seen.add(grade_id)
        return nb, resources
