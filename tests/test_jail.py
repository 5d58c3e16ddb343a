"""One notebook run in a jail: Jupyter's behaviour for the cells, plain data back, limits held from outside."""
import os
import time

import numpy as np
import pytest

from nndl.jail import template, wire
from nndl.jail.run import run_notebook


@pytest.fixture(autouse=True, params=["template", "bwrap"])
def how_jails_start(request, monkeypatch):
    """Every test twice: jails forked from a template (the grader as root) and one bwrap per notebook."""
    if request.param == "bwrap":
        monkeypatch.setenv("NNDL_JAIL_TEMPLATE", "0")
    elif not template.wanted(True):
        pytest.skip("template jails are made when the grader is root")
    return request.param


def code(index, source):
    return {"kind": "code", "index": index, "source": source}


def graded_cell(index, grade_id="t", source=""):
    return {"kind": "test", "index": index, "grade_id": grade_id, "source": source}


def call(target, *args, **extra):
    """One graded call; its id (what the jail's result names) is the target's name."""
    return {"id": target, "target": target, "kind": "call", "args": list(args), "kwargs": {}, **extra}


def outputs(run, index):
    return run.cells[index].outputs


def test_cells_behave_as_in_jupyter(tmp_path):
    run = run_notebook([
        code(0, "print('hello')\n1 + 1"),
        code(1, "from IPython.display import display, Markdown\ndisplay(Markdown('**bold**'))"),
        code(2, "%%writefile helper.py\nVALUE = 42"),
        code(3, "import helper\nhelper.VALUE"),
        code(4, "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()"),
        code(5, "raise ValueError('oops')"),
        code(6, "print('after an error, the next cell still runs')"),
    ], {}, tmp_path)
    assert outputs(run, 0)[0]["text"] == "hello\n" and outputs(run, 0)[1]["data"]["text/plain"] == "2"
    assert outputs(run, 1)[0]["data"]["text/markdown"] == "**bold**"
    assert outputs(run, 3)[-1]["data"]["text/plain"] == "42"
    assert any("image/png" in o.get("data", {}) for o in outputs(run, 4))
    error = outputs(run, 5)[-1]
    assert error["output_type"] == "error" and error["ename"] == "ValueError" and "oops" in "".join(error["traceback"])
    assert outputs(run, 6)[0]["text"].startswith("after an error")
    assert [run.cells[i].execution_count for i in range(7)] == [1, 2, 3, 4, 5, 6, 7]


def test_graded_calls_get_the_function_as_it_stood_at_its_graded_cell(tmp_path):
    run = run_notebook([code(0, "import numpy as np\ndef f(x):\n    return 2 * x"), graded_cell(1),
                        code(2, "def f(x):\n    return 'redefined later'")],
                       {"t": [call("f", np.arange(3.0)), call("g")]}, tmp_path)
    first, missing = run.results["t"]["f"], run.results["t"]["g"]
    assert np.array_equal(first.value, [0.0, 2.0, 4.0]) and run.problems == []
    assert "`g` is not defined when this test cell runs" in missing.error


def test_objects_that_could_carry_code_come_back_opaque(tmp_path):
    source = ("import numpy as np\nclass Evil:\n    def __reduce__(self):\n        return (print, ('pwned',))\n"
              "def f():\n    return [Evil(), np.array([Evil()], dtype=object)]")
    run = run_notebook([code(0, source), graded_cell(1)], {"t": [call("f")]}, tmp_path)
    assert all(isinstance(v, wire.Opaque) for v in run.results["t"]["f"].value)


def test_inputs_are_copies_and_mutation_is_reported_through_args_after(tmp_path):
    run = run_notebook([code(0, "def f(a):\n    a += 1"), graded_cell(1)],
                       {"t": [call("f", np.zeros(2), keep_args=True)]}, tmp_path)
    assert np.array_equal(run.results["t"]["f"].args_after[0], [1.0, 1.0])


def test_an_endless_cell_is_interrupted_and_the_rest_still_runs(tmp_path):
    run = run_notebook([code(0, "while True:\n    pass"), code(1, "def f():\n    return 1.0"), graded_cell(2)],
                       {"t": [call("f")]}, tmp_path, cell_seconds=2)
    assert run.cells[0].timed_out and outputs(run, 0)[-1]["ename"] == "KeyboardInterrupt"
    assert run.results["t"]["f"].value == 1.0


def test_a_cell_that_ignores_interrupts_is_stopped_by_the_budget_from_outside(tmp_path):
    start = time.monotonic()
    run = run_notebook([code(0, "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass")],
                       {}, tmp_path, cell_seconds=2, budget=6)
    assert time.monotonic() - start < 12 and "time budget" in run.problems[0]


def test_a_cell_that_kills_its_process_is_left_out_and_the_rest_still_graded(tmp_path):
    run = run_notebook([code(0, "def f():\n    return 2.0"), code(1, "import os, signal\nos.kill(os.getpid(), 9)"),
                        graded_cell(2)], {"t": [call("f")]}, tmp_path)
    assert run.dropped == [{"cell": 1}] and run.results["t"]["f"].value == 2.0


def test_killing_itself_again_and_again_costs_at_most_a_few_restarts(tmp_path):
    cells = [code(i, "import os\nos.kill(os.getpid(), 9)") for i in range(8)]
    start = time.monotonic()
    run = run_notebook(cells, {}, tmp_path, budget=60)
    assert len(run.dropped) == 4 and time.monotonic() - start < 30


def test_os_exit_loses_its_cell_only(tmp_path):
    run = run_notebook([code(0, "def f():\n    return 1.0\nimport os\nos._exit(3)"), graded_cell(1)],
                       {"t": [call("f")]}, tmp_path)
    assert run.cells[0].exit_called and run.results["t"]["f"].value == 1.0 and run.dropped == []


def test_the_submission_folder_is_a_private_copy(tmp_path):
    (tmp_path / "mine.txt").write_text("original")
    run = run_notebook([code(0, "open('mine.txt', 'w').write('changed')\nprint(open('mine.txt').read())")],
                       {}, tmp_path)
    assert outputs(run, 0)[0]["text"] == "changed\n" and (tmp_path / "mine.txt").read_text() == "original"


def test_errors_of_graded_calls_name_the_notebooks_own_line(tmp_path):
    source = ("def check(x):\n    assert x > 5, 'too small'\ndef f(x):\n    y = x + 1\n    check(y)\n    return y\n"
              "def g(a, b):\n    return a")
    run = run_notebook([code(0, source), graded_cell(1)], {"t": [call("f", 1.0), call("g", 1.0)]}, tmp_path)
    failed, wrong_signature = run.results["t"]["f"], run.results["t"]["g"]
    assert failed.error == "AssertionError: too small" and failed.line == "assert x > 5, 'too small'"
    assert wrong_signature.to_dict() == {"ok": False, "error": "signature", "signature": "(a, b)"}


def test_a_forged_result_whose_fields_have_the_wrong_types_is_a_failed_call_not_a_crash(tmp_path):
    """Notebook code that writes the jail's frames itself, with a result whose fields have the wrong types,
    gets a failed call the feedback can name ("no readable result"); the grader goes on."""
    forge = ("import gc, time\n"
             "channel = next(o for o in gc.get_objects() if type(o).__name__ == 'Channel')\n"
             "channel.send({'type': 'cells_done'})\n"
             "channel.send({'type': 'probe', 'grade_id': 't'}, [{'id': 'f', 'ok': True, 'value': 1.0,\n"
             "              'args_after': 'not a list', 'line': 42}], has_value=True)\n"
             "channel.send({'type': 'done'})\n"
             "time.sleep(30)")
    run = run_notebook([code(0, "def f():\n    return 1.0"), code(1, forge), graded_cell(2)], {"t": [call("f")]},
                       tmp_path, budget=20)
    result = run.results["t"]["f"]
    assert not result.ok and result.error == "no readable result" and result.value is None


def test_a_grader_installed_below_tmp_runs_notebooks_and_they_cannot_change_it(tmp_path, monkeypatch):
    """A clone and its venv in a temporary folder (a CI rehearsal, say): the jail's fresh /tmp does not
    hide the grader's Python, which stays read-only."""
    from nndl.jail import bwrap

    python = tmp_path / "clone" / ".venv" / "lib"  # below /tmp, as pytest's tmp_path is
    python.mkdir(parents=True)
    (python / "installed.py").write_text("WHERE = 'below /tmp'\n")
    dirs = bwrap.python_dirs()
    monkeypatch.setattr(bwrap, "python_dirs", lambda: dirs + [str(python)])
    template.close_all()  # the next template jail binds the folder too
    try:
        run = run_notebook([code(0, f"import sys\nsys.path.insert(0, {str(python)!r})\nimport installed\n"
                                    "print(installed.WHERE)"),
                            code(1, f"open({str(python / 'installed.py')!r}, 'a').write('WHERE = 1')")],
                           {}, tmp_path / "clone")
    finally:
        template.close_all()
    assert str(python).startswith("/tmp/") and outputs(run, 0)[0]["text"] == "below /tmp\n"
    assert outputs(run, 1)[0]["ename"] in ("PermissionError", "OSError")
    assert (python / "installed.py").read_text() == "WHERE = 'below /tmp'\n"


def test_the_user_namespace_jail_of_a_grader_who_is_not_root(tmp_path, monkeypatch):
    """What an instructor's laptop gets: a user namespace in which the notebook is nobody."""
    from nndl.jail import bwrap

    monkeypatch.setattr(bwrap, "runs_as_root", lambda: False)
    run = run_notebook([code(0, "import os\nprint(os.getuid(), os.uname().nodename)\ndef f():\n    return 3.0"),
                        graded_cell(1)], {"t": [call("f")]}, tmp_path)
    assert outputs(run, 0)[0]["text"] == "65534 jail\n" and run.results["t"]["f"].value == 3.0


def test_a_system_bwrap_too_old_for_the_jail_is_passed_over(tmp_path, monkeypatch):
    from nndl.jail import bwrap

    old = tmp_path / "bwrap"
    old.write_text("#!/bin/sh\necho bubblewrap 0.8.0\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.delenv("NNDL_BWRAP", raising=False)
    assert bwrap.bwrap_binary() != str(old)


def test_matplotlib_imported_by_the_setup_cell_works_when_first_used_later(tmp_path):
    """The jail defers the import of matplotlib until a plot needs it (graded runs skip most plots); a
    notebook cannot tell: pyplot, its submodules and its introspection behave as after a plain import."""
    run = run_notebook([
        code(0, "import matplotlib.pyplot as plt\nimport matplotlib\nimport inspect\ninspect.getmodule(inspect)\n"
                "print(plt.__name__, plt.__file__.endswith('pyplot.py'))"),
        code(1, "raise ValueError('a traceback reads every module')"),
        code(2, "plt.plot([1, 2, 3])\nplt.show()"),
        code(3, "from matplotlib import colors\nimport matplotlib.cm\nprint(colors.to_hex('red'), 'subplots' in dir(plt),"
                " matplotlib.pyplot.gcf() is plt.gcf())"),
    ], {}, tmp_path)
    assert outputs(run, 0)[0]["text"] == "matplotlib.pyplot True\n"
    assert outputs(run, 1)[-1]["ename"] == "ValueError"
    assert any("image/png" in o.get("data", {}) for o in outputs(run, 2))
    assert outputs(run, 3)[0]["text"] == "#ff0000 True True\n"
