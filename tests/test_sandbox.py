"""The sandbox runs student code in its own process and returns data only, whatever the code does."""
import numpy as np

from nndl.grading import wire
from nndl.grading.runner import run_sandbox


def run(code, calls, timeout=30, cwd="."):
    cells = [{"kind": "code", "index": 0, "source": code}, {"kind": "probe", "grade_id": "t"}]
    return run_sandbox(cells, {"t": calls}, cwd, timeout)


def call(target, *args, **extra):
    return {"target": target, "kind": "call", "args": list(args), "kwargs": {}, **extra}


def test_results_come_back_as_plain_data(tmp_path):
    result = run("import numpy as np\ndef f(x):\n    return {'y': 2 * x, 'n': 3, 's': float(x.sum())}",
                 [call("f", np.arange(3.0))], cwd=tmp_path)
    value = result.results["t"][0]["value"]
    assert np.array_equal(value["y"], [0.0, 2.0, 4.0]) and value["n"] == 3 and value["s"] == 3.0
    assert result.problem == ""


def test_exceptions_are_reported_per_call_without_their_numbers(tmp_path):
    result = run("def f(x):\n    raise ValueError('bad input 0.123456')", [call("f", 1.0)], cwd=tmp_path)
    error = result.results["t"][0]["error"]
    assert error.startswith("ValueError") and "0.123456" not in error


def test_a_function_that_is_missing_is_named(tmp_path):
    result = run("x = 1", [call("f", 1.0)], cwd=tmp_path)
    assert "`f` is not defined" in result.results["t"][0]["error"]


def test_objects_that_could_carry_code_come_back_opaque(tmp_path):
    result = run("import numpy as np\nclass Evil:\n    def __reduce__(self):\n        return (print, ('pwned',))\n"
                 "def f():\n    return [Evil(), np.array([Evil()], dtype=object)]", [call("f")], cwd=tmp_path)
    value = result.results["t"][0]["value"]
    assert all(isinstance(v, wire.Opaque) for v in value)


def test_os_exit_in_a_cell_loses_that_cell_only(tmp_path):
    result = run("def f():\n    return 1.0\nimport os\nos._exit(3)", [call("f")], cwd=tmp_path)
    assert result.problem == "" and result.results["t"][0]["value"] == 1.0
    assert "os._exit(3)" in result.cell_errors[0]["error"]


def test_a_cell_that_kills_the_process_is_left_out_and_the_rest_still_graded(tmp_path):
    cells = [{"kind": "code", "index": 0, "source": "def f():\n    return 2.0"},
             {"kind": "code", "index": 1, "source": "import signal, os\nos.kill(os.getpid(), signal.SIGKILL)"},
             {"kind": "probe", "grade_id": "t"}]
    result = run_sandbox(cells, {"t": [call("f")]}, tmp_path, 30)
    assert "code cell 1 stopped the Python process" in result.problem
    assert result.results["t"][0]["value"] == 2.0


def test_an_endless_loop_is_stopped_by_the_time_limit(tmp_path):
    result = run("while True:\n    pass", [call("f")], timeout=3, cwd=tmp_path)
    assert "did not finish within 3 s" in result.problem


def test_inputs_are_copied_so_the_caller_sees_mutation_only_through_args_after(tmp_path):
    result = run("def f(a):\n    a += 1\n    return None", [call("f", np.zeros(2), keep_args=True)], cwd=tmp_path)
    assert np.array_equal(result.results["t"][0]["args_after"][0], [1.0, 1.0])


def test_processes_the_notebook_forks_do_not_outlive_the_sandbox(tmp_path):
    import time

    marker = tmp_path.parent / f"{tmp_path.name}-forked-child-was-here"
    code = (f"import os, time\nif os.fork() == 0:\n    time.sleep(2)\n    open({str(marker)!r}, 'w').close()\n"
            "    os._exit(0)\ndef f():\n    return 1.0")
    result = run(code, [call("f")], cwd=tmp_path)
    assert result.results["t"][0]["value"] == 1.0
    time.sleep(3)
    assert not marker.exists()


def test_a_forged_blame_file_cannot_crash_the_runner(tmp_path):
    code = ("import sys, json, os, signal\nout = sys.argv[1] + '/out/_current.json'\n"
            "json.dump({'kind': 'code'}, open(out, 'w'))\nos.kill(os.getpid(), signal.SIGKILL)")
    result = run(code, [call("f")], cwd=tmp_path)
    assert "killed" in result.problem
