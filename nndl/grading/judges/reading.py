"""Reading what came back from the jail: numbers in any of their forms, failed checks as one text."""
import numpy as np

from nndl.student_files.nndl_checks import problems


def one_number(x):
    """``x`` as a Python float when it holds exactly one number (a float, a 0-d or 1x1 array); else ValueError."""
    x = np.asarray(x, dtype=float)
    if x.size != 1:
        raise ValueError("not one number")
    return float(x.reshape(-1)[0])


def numbers(values):
    """``values`` (a list or array of numbers, each in any one-number form) as a list of floats; None when
    it is not such a sequence."""
    try:
        return [one_number(x) for x in values]
    except Exception:  # noqa: BLE001 - what cannot be read is judged as unreadable
        return None


def failed_messages(checks):
    """The messages of the failed checks, each once, in order, as one text."""
    return " ".join(dict.fromkeys(problems(checks)))
