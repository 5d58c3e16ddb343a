"""Typical student mistakes, per assignment and graded function: the one list that the tests and the demo use.

Each entry replaces a piece of the reference solution with what a student
plausibly writes instead: assignment -> {solution grade id: (correct text, mistaken text)}.
"""

MISTAKES = {
    "w2_numpy_basics": {
        "basic_sigmoid": ("math.exp(-x)", "math.exp(x)"),
        # the algebraically equal form that overflows to nan for large x
        "sigmoid": ("1 / (1 + np.exp(-x))", "np.exp(x) / (1 + np.exp(x))"),
        "sigmoid_derivative": ("s * (1 - s)", "x * (1 - x)"),
        "image2vector": ("image.shape[0] * image.shape[1] * image.shape[2], 1",
                         "1, image.shape[0] * image.shape[1] * image.shape[2]"),
        "normalize_rows": ("axis=1, keepdims=True", "axis=0, keepdims=True"),
        "softmax": ("np.sum(x_exp, axis=1, keepdims=True)", "np.sum(x_exp)"),
        "L1": ("np.sum(np.abs(y - yhat))", "np.sum(y - yhat)"),
        "L2": ("np.dot(y - yhat, y - yhat)", "np.sum(np.abs(y - yhat))"),
    },
}


def test_cell_of(grade_id):
    """The test cell that grades a solution cell (naming convention: <solution id>_tests)."""
    return f"{grade_id}_tests"
