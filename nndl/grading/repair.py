"""RepairTestCells: the first sanitize step, so that tampered cell metadata cannot crash nbgrader.

nbgrader 0.9 stops with a KeyError on a submission whose test cell was
duplicated or had its grade id changed.  Before nbgrader looks at the
notebook, this step takes the nbgrader metadata off every cell whose grade
id the gradebook does not know, and off every repeat of a grade id.  Those
cells stay in the notebook as ordinary cells; the real test cell, now
missing, is put back from the gradebook by OverwriteCells (with
``add_missing_cells``) and graded as usual.

It also gives each untouched test cell its hidden region back (the gradebook
holds it), so that OverwriteCells, which compares checksums of the full cell,
does not warn "Attribute 'checksum' ... has changed!" for every test cell of
every submission; a test cell a student really edited is still reported.
"""
import copy

from nbformat import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor


class RepairTestCells(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            recorded = {c.name: (c.source, c.locked) for c in
                        gb.find_notebook(info["notebook"], info["assignment"]).source_cells}
        known = set(recorded)
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
            source, locked = recorded[grade_id]
            if locked and cell.get("source") != source and cell.get("source") == _released(source):
                cell["source"] = source  # as released, hidden region put back: no false checksum alarm
        return nb, resources


def _released(source):
    """A test cell's source as the release shows it (nbgrader's own removal of the hidden region)."""
    cell = NotebookNode({"cell_type": "code", "source": copy.copy(source), "metadata": {}})
    ClearHiddenTests()._remove_hidden_test_region(cell)
    return cell["source"]
