"""The course's naming convention for grade ids: the test cell that grades the answer cell ``sigmoid``
is ``sigmoid_tests`` (authored as ``# %% nbgrader="tests" grade_id="sigmoid_tests"``)."""

TESTS_SUFFIX = "_tests"


def grading_cell_of(answer_id):
    """The grade id of the test cell that grades the answer (solution) cell ``answer_id``."""
    return answer_id + TESTS_SUFFIX


def answer_of(test_id):
    """What the test cell ``test_id`` grades: its answer cell's grade id (``test_id`` itself when it does not
    follow the convention)."""
    return test_id[: -len(TESTS_SUFFIX)] if test_id.endswith(TESTS_SUFFIX) else test_id
