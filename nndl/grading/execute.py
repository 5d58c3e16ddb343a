"""ExecuteForGrading: nbgrader's Execute step, minus heavy demo cells, and alive after a kernel death.

* Cells the instructor tagged ``skip-in-grading`` in ``source/`` (training runs,
  plots) are not run while grading.  The ids come from the instructor's
  notebook, and nbgrader cells (solutions, tests) are never skipped, so a
  student who tags or edits a cell cannot make a test cell skip.
* The kernel runs in a throwaway copy of the submission's folder with a
  scrubbed environment (:mod:`nndl.grading.workdir`).
* When the kernel dies (``os._exit``, a crash, the out-of-memory killer), the
  cells after it are marked as not run instead of failing the whole
  submission; the hidden checks still grade every function in their sandbox.
"""
import time

from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from traitlets import Bool

from nndl.grading.workdir import environment, isolated
from nndl.grading.preprocessor import nbgrader_meta, record_problem, skipped_cell_ids, source_notebook


class ExecuteForGrading(Execute):
    skip_heavy_cells = Bool(True, help="Skip the cells tagged skip-in-grading in source/.").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._skip = skipped_cell_ids(source_notebook(self.config, resources)) if self.skip_heavy_cells else set()
        self._dead_at = None
        folder = resources["metadata"]["path"]
        with isolated(folder) as (work, env), environment(env):
            resources["metadata"]["path"] = work  # the kernel starts away from the course folder
            try:
                return super().preprocess(nb, resources, km)
            finally:
                resources["metadata"]["path"] = folder

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._dead_at is not None:
            cell.outputs = [new_output("stream", name="stdout",
                                       text=f"(not run: the kernel died in cell {self._dead_at})\n")]
            return cell, resources
        if cell.get("id") in self._skip and not nbgrader_meta(cell):
            cell.outputs = []
            return cell, resources
        start = time.monotonic()
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
            if self.timeout and time.monotonic() - start >= self.timeout:
                record_problem(resources, f"cell {index} ran past the {self.timeout} s time limit and was "
                                          "stopped (an endless loop?)")
            return cell, resources
        except DeadKernelError:
            self._dead_at = index
            cell.outputs.append(new_output("error", ename="DeadKernelError", evalue="the kernel died", traceback=[]))
            record_problem(resources, f"the notebook's kernel died in cell {index} (os._exit, a crash or out of "
                                      "memory); later cells were not run, functions were graded separately")
            return cell, resources
