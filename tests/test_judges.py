"""The judge library the hidden regions share (the package nndl/grading/judges/), unit by unit."""
import numpy as np
import pytest

from nndl.grading import judges
from nndl.student_files.nndl_checks import Check


@pytest.mark.parametrize("value", [0.25, np.float64(0.25), np.array(0.25), np.array([[0.25]]), [0.25]])
def test_one_number_takes_every_form_of_a_single_number(value):
    assert judges.one_number(value) == 0.25 and type(judges.one_number(value)) is float


@pytest.mark.parametrize("value", [np.zeros(2), [], "abc", {"a": 1}])
def test_one_number_refuses_anything_else(value):
    with pytest.raises((ValueError, TypeError)):
        judges.one_number(value)


def test_labels_are_a_row_of_zeros_and_ones_from_the_given_generator():
    a, b = judges.labels(np.random.default_rng(3), 50), judges.labels(np.random.default_rng(3), 50)
    assert a.shape == (1, 50) and set(np.unique(a)) == {0.0, 1.0} and np.array_equal(a, b)


def test_failed_messages_lists_each_failure_once_in_order():
    checks = [Check("a", "value", False, "first"), Check("b", "value", True), Check("c", "value", False, "second"),
              Check("d", "value", False, "first")]
    assert judges.failed_messages(checks) == "first second"


def test_same_arrays_accepts_any_order_and_nesting_and_names_what_is_missing():
    A, B = np.arange(6.0).reshape(2, 3), np.ones((3, 1))
    assert judges.same_arrays([B, (A,)], (A, B), "the cache") == ""
    assert judges.same_arrays((A,), (A, B), "the cache") == "the cache should hold 2 arrays."
    assert "shape (3, 1)" in judges.same_arrays((A, B + 1), (A, B), "the cache")
    assert judges.same_arrays(A, (A,), "the cache") == "the cache should hold 1 arrays."
