"""Every solution notebook runs end to end in a real kernel, training runs and plots included.

"Solution notebook" = the student release with every solution cell filled in
from the reference, exactly what a perfect student submits; so the public
checks run too, and must all pass.
"""
import pytest

from nndl.course import assignments
from support import solution_run

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", assignments())
def test_solution_notebook_runs_end_to_end(name):
    nb = solution_run(name)
    errors = [(i, o.get("ename")) for i, c in enumerate(nb.cells) if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    ticks = sum(o.get("text", "").count("\u2713") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert ticks > 0, "no public check printed a tick"
