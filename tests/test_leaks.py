"""A student's function sees the hidden inputs: it must not be able to spell them out through feedback.

Each attacker hands in a ``softmax`` that reads its hidden input and tries to bring it out through
what feedback repeats of a failed call: the exception's message (the number in words, in letters
standing for digits, in unicode digits), the exception's class name, a forged "raised at" line,
its signature, the shape, length or dtype of what it returns, or values that make the difference
from the reference the reference itself. The class is graded by the real pipeline (jail, nbgrader,
feedback), and no encoding of any hidden input or reference value, to 4 significant digits, may
appear in a feedback page or in the judge's outputs of the autograded notebook.
"""
import html
import re

import nbformat
import numpy as np
import pytest

from nndl.grading.specs import read_specs
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, submit
from support import course_copy

pytestmark = pytest.mark.security
A = "w2_numpy_basics"
WORDS = "zero one two three four five six seven eight nine".split()

# Every attacker's softmax first turns its input's first entry into a string of 6 digits, DIGITS.
HEAD = ("def softmax(x):\n"
        "    import numpy as np\n"
        "    DIGITS = f'{abs(float(np.asarray(x).flat[0])):.5e}'.replace('.', '')[:6]\n")
LEAKS = {
    "in_words": "    raise ValueError(' '.join(['zero one two three four five six seven eight nine'.split()[int(d)]"
                " for d in DIGITS]))\n",
    "as_letters": "    raise ValueError(''.join('abcdefghij'[int(d)] for d in DIGITS))\n",
    "chr_letters": "    raise ValueError(''.join(chr(ord('a') + int(d)) for d in DIGITS) + ' is the answer')\n",
    "arabic_digits": "    raise ValueError(''.join(chr(0x660 + int(d)) for d in DIGITS))\n",
    "fullwidth_digits": "    raise ValueError(''.join(chr(0xFF10 + int(d)) for d in DIGITS))\n",
    "class_name": "    raise type('Leak' + ''.join('abcdefghij'[int(d)] for d in DIGITS), (Exception,), {})('x')\n",
    "class_name_digits": "    raise type('E' + DIGITS, (ArithmeticError,), {})()\n",
    "forged_line": ("    import linecache\n"
                    "    name = '<ipython-input-999-leak>'\n"
                    "    text = '# ' + ' '.join('zero one two three four five six seven eight nine'.split()[int(d)]"
                    " for d in DIGITS) + '\\n'\n"
                    "    linecache.cache[name] = (len(text), None, [text], name)\n"
                    "    exec(compile('\\n' * 0 + 'raise ValueError()', name, 'exec'))\n"),
    "shape": "    return np.zeros((int(DIGITS[:4]),))\n",
    "shape_2d": "    return np.zeros((np.asarray(x).shape[0], int(DIGITS[:4])))\n",
    "length": "    return [0.0] * int(DIGITS[:4])\n",
    "dtype": "    return np.full(np.asarray(x).shape, 'a' * int(DIGITS[:4]))\n",
    "zeros": "    return np.zeros_like(x)\n",
    "scaled": ("    e = np.exp(x - np.max(x, axis=1, keepdims=True))\n"
               "    return e / e.sum(axis=1, keepdims=True) * (1 + 2e-7 * int(DIGITS[:3]))\n"),
}
SIGNATURE_LEAK = (  # the first call renames the function's parameters after its input; later calls cannot bind
    "def softmax(x):\n"
    "    import inspect, numpy as np\n"
    "    DIGITS = f'{abs(float(np.asarray(x).flat[0])):.5e}'.replace('.', '')[:6]\n"
    "    names = ['p_' + 'zero one two three four five six seven eight nine'.split()[int(d)] + str(i)"
    " for i, d in enumerate(DIGITS)]\n"
    "    softmax.__signature__ = inspect.Signature([inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD)"
    " for n in names])\n"
    "    raise ValueError()\n"
)


def encodings(value):
    """The ways an attacker above may have written ``value``'s first 4 significant digits (3, as figures)."""
    digits = f"{abs(value):.5e}".replace(".", "")[:4]
    return {digits, "".join(WORDS[int(d)] for d in digits), " ".join(WORDS[int(d)] for d in digits),
            "".join("abcdefghij"[int(d)] for d in digits), "".join(chr(0x660 + int(d)) for d in digits),
            "".join(chr(0xFF10 + int(d)) for d in digits), f"{value:.3g}", f"{abs(value):.3g}",
            f"{digits[0]}.{digits[1:3]}"}


def softmax(x):
    e = np.exp(x - np.max(x, axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


@pytest.fixture(scope="module")
def leaky_class(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    source = nbformat.read(root / "source" / A / f"{A}.ipynb", as_version=4)
    cell = next(c for c in source.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "softmax_tests")
    inputs = [np.asarray(case.args[0]) for spec in read_specs("softmax_tests", cell.source) for case in spec.cases]
    secrets = set()
    for x in inputs:  # each hidden input's first and largest entry, the reference's, their largest difference
        for value in (x.flat[0], np.max(np.abs(x)), softmax(x).flat[0], np.max(softmax(x))):
            secrets |= encodings(float(value))
    attackers = {name: HEAD + code for name, code in LEAKS.items()} | {"signature": SIGNATURE_LEAK}
    for name, code in attackers.items():
        submit(root, name, A, filled_notebook(root, A, mistakes={"softmax": code}))
    outcomes = {o.student: o for o in grade_class(root, jobs=[(name, A) for name in attackers], workers=2)}
    return {"root": root, "secrets": secrets, "outcomes": outcomes}


def judged_text(root, student):
    """What the judge wrote for a student: every test cell's outputs in the autograded notebook, and the
    outputs the feedback page shows (the student's own code, which spells digits in words, left out)."""
    nb = nbformat.read(root / "autograded" / student / A / f"{A}.ipynb", as_version=4)
    outputs = [o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade") for o in c.get("outputs", [])]
    page = (root / "feedback" / student / A / f"{A}.html").read_text()
    shown = re.findall(r'<div class="output_subarea[^"]*"[^>]*>(.*?)</div>', page, flags=re.S)
    return "\n".join(outputs), html.unescape(re.sub(r"<[^>]*>", " ", "\n".join(shown)))


@pytest.mark.parametrize("attack", sorted(LEAKS) + ["signature"])
def test_no_hidden_input_comes_out_through_feedback(leaky_class, attack):
    outputs, page = judged_text(leaky_class["root"], attack)
    assert "checks passed" in outputs and "checks passed" in page
    squeezed = {text: re.sub(r"[\s_]+", "", text).lower() for text in (outputs, page)}
    for secret in leaky_class["secrets"]:
        key = re.sub(r"[\s_]+", "", secret).lower()
        if len(key) < 4:
            continue
        assert key not in squeezed[outputs], (attack, secret, outputs)
        assert key not in squeezed[page], (attack, secret)
    assert not any(c.isdigit() and not c.isascii() for c in outputs + page)


def test_an_honest_failure_still_reads_usefully(leaky_class):
    outputs, _ = judged_text(leaky_class["root"], "shape_2d")
    assert "has shape (3, …), expected (3, 4)" in " ".join(outputs.split())
    outputs, _ = judged_text(leaky_class["root"], "zeros")
    assert "all entries differ (relative error about 1)" in " ".join(outputs.split())
    outputs, _ = judged_text(leaky_class["root"], "in_words")  # the student's own line is still shown
    assert "ValueError (raised at: raise ValueError(' '.join(" in " ".join(outputs.split())
    outputs, _ = judged_text(leaky_class["root"], "forged_line")  # a line the notebook does not have is not
    assert "ValueError" in outputs and "raised at: #" not in outputs
    outputs, _ = judged_text(leaky_class["root"], "signature")
    assert "yours is softmax(...)" in " ".join(outputs.split())
