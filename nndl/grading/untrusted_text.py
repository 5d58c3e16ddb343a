"""What a student's failed call may say in feedback: a builtin exception name, a known message, their own line.

A student's function receives the hidden inputs, and whatever the jail sends back is the
student's to choose (a hostile notebook can forge the whole result frame). So no text that comes
back is echoed freely: free text of even 80 letters can spell a hidden number in words, in letters
standing for digits, in unicode digits or in an exception class named after it. Instead each part
of the explanation is picked from a small, fixed set, which bounds how much a failed call can
carry out (see the README, "What is not closed"):

* the exception's class: its name when it is one of Python's builtin exceptions (or of a short list
  of library ones), else "an exception of the notebook's own class" (about 6 bits);
* its message: a message of Python or NumPy the grader knows (a fixed sentence from
  :data:`KNOWN_MESSAGES`, its numbers and names left out), or a sentence the raising line itself
  holds (``raise ValueError("bad shape")``, ``assert ok, "bad shape"``), else nothing (about 5 bits);
* the raising line: kept only when it is, word for word, a line of the notebook's own code as
  handed in (written before any hidden input existed), so it can only *choose* one of the
  notebook's lines (log2 of their number, in bits);
* a signature: its parameter names, only when a ``def`` of the notebook's own code has exactly them.
"""
import builtins
import re

OWN_CLASS = "an exception of the notebook's own class"
LIBRARY_EXCEPTIONS = frozenset({"AxisError", "LinAlgError", "CheckFailed", "CallTimeout"})
BUILTIN_EXCEPTIONS = frozenset(name for name, obj in vars(builtins).items()
                               if isinstance(obj, type) and issubclass(obj, BaseException))
MESSAGE_LIMIT = 80
LINE_LIMIT = 120

# (pattern of a message Python, NumPy or the jail writes, the sentence feedback shows in its place)
KNOWN_MESSAGES = [
    (r"operands could not be broadcast together.*", "operands could not be broadcast together (their shapes differ)"),
    (r"shapes .* not aligned.*", "shapes not aligned (the inner dimensions of the product differ)"),
    (r"matmul: .*mismatch in its core dimension.*", "matmul: the inner dimensions of the product differ"),
    (r"(float |integer )?division( or modulo)? by zero", "division by zero"),
    (r"index .* is out of bounds for axis.*", "an index is out of bounds"),
    (r"(list|tuple|string) index out of range", r"\1 index out of range"),
    (r"cannot reshape array of size .* into shape.*", "cannot reshape the array into that shape"),
    (r"name '.*' is not defined.*", "a name is not defined"),
    (r"'.*' object has no attribute '.*'", "an object has no attribute of that name"),
    (r"unsupported operand type\(s\) for.*", "unsupported operand types"),
    (r"'.*' object is not (callable|subscriptable|iterable)", r"an object is not \1"),
    (r"(not enough|too many) values to unpack.*", r"\1 values to unpack"),
    (r"math (domain|range) error", r"math \1 error"),
    (r"all the input array dimensions.*must match exactly.*",
     "all the input array dimensions except the concatenation axis must match exactly"),
    (r"setting an array element with a sequence.*", "setting an array element with a sequence"),
    (r"The truth value of an array with more than one element is ambiguous.*",
     "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"),
    (r"axis .* is out of bounds for array of dimension.*", "an axis is out of bounds for the array"),
    (r"maximum recursion depth exceeded.*", "maximum recursion depth exceeded"),
    # the jail's own sentences (a hostile jail may forge them: the function's name is put back by the grader)
    (r"`[^`]*` is not defined when this test cell runs", "`{target}` is not defined when this test cell runs"),
    (r"`[^`]*` is not a function", "`{target}` is not a function"),
    (r"`[^`]*` ran for more than .* s", "`{target}` ran past its time limit"),
    (r"the result could not be read back \(unusual object\)", "the result could not be read back (unusual object)"),
    (r"the result took too long to read back", "the result took too long to read back"),
    (r"no readable result", "no readable result"),
    (r"no result", "no result"),
    (r"failed", "failed"),
]
_NAMED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?::\s?(.*))?", re.S)
_LITERAL = re.compile(r"""(?:[rRbBuU]?)("[^"\\]*"|'[^'\\]*')""")
_SAFE_TEXT = re.compile(r"[A-Za-z .,:;'()_=<>!?\-]*")


def own_lines(code):
    """The stripped lines of a notebook's own code, the only lines feedback may show as "raised at"."""
    return frozenset(line.strip() for line in str(code or "").splitlines() if line.strip())


_FIGURE = re.compile(r"(?<![\w.])\d+\.\d+(?:[eE][-+]?\d+)?(?![\w.])|(?<![\w.])\d+[eE][-+]?\d+(?![\w.])")


def round_figures(text):
    """``text`` with every decimal figure rounded to two significant digits: a check written for one
    function (a hidden region's own judge) may print a figure computed from a student's result,
    which the student may have made from a hidden input. Whole numbers (sizes, counts) are kept."""
    return _FIGURE.sub(lambda m: format(float(m.group(0)), ".2g"), str(text))


def clean_code(text, lines=frozenset(), limit=LINE_LIMIT):
    """The raising line as feedback shows it: only a line of the notebook's own code, first line only,
    cut to ``limit`` characters and without long digit or hex runs; else ""."""
    text = str(text or "").strip().splitlines()[0].strip() if str(text or "").strip() else ""
    cut = len(text) >= 160 and any(line.startswith(text) for line in lines)  # the jail sends 160 characters at most
    if not text or (text not in lines and not cut):
        return ""
    text = re.sub(r"[0-9a-fA-F]{8,}", "…", text)
    return re.sub(r"\d{5,}", "…", text)[:limit]


def _parameter_names(text):
    return [m.group(1) for m in re.finditer(r"(?:^|,)\s*(\*{0,2}[A-Za-z_][A-Za-z0-9_]*|/|\*)", text)]


def clean_signature(text, target, code=""):
    """A signature as feedback shows it: ``(a, b)``, its parameter names only, and only when some
    ``def <target>(...)`` of the notebook's own code has exactly these parameters; else ``(...)``."""
    inside = str(text or "").strip()
    if not (inside.startswith("(") and ")" in inside):
        return ""
    names = _parameter_names(re.sub(r"=[^,]*", "", inside[1:inside.rfind(")")]))
    written = [_parameter_names(re.sub(r"=[^,]*|:[^,]*", "", header)) for header in
               re.findall(rf"def\s+{re.escape(str(target))}\s*\(([^)]*)\)", str(code or ""))]
    return "(" + ", ".join(names) + ")" if names in written else ""


def _class_label(name):
    return name if name in BUILTIN_EXCEPTIONS or name in LIBRARY_EXCEPTIONS else OWN_CLASS


def _known(message, target):
    for pattern, sentence in KNOWN_MESSAGES:
        found = re.fullmatch(pattern, message, flags=re.S)
        if found:
            return found.expand(sentence.replace("{target}", target)) if "\\" in sentence else sentence.replace(
                "{target}", target)
    return None


def _said_in(message, line):
    """``message`` when the raising line itself writes it as a string literal (the student's own words)."""
    if not line or not message or len(message) > MESSAGE_LIMIT or not _SAFE_TEXT.fullmatch(message):
        return None
    literals = [m.group(1)[1:-1] for m in _LITERAL.finditer(line)]
    return message if message in literals else None


def clean_error(text, target="", line=""):
    """A sandbox's error text as feedback may show it (``line``: the raising line, already checked by
    :func:`clean_code`; ``target``: the function the grader called). Never echoes free text."""
    text = str(text or "").strip() or "failed"
    target = target if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(target)) else "the function"
    known = _known(text, target)
    if known is not None:  # a sentence of the jail's own, not an exception
        return known
    named = _NAMED.fullmatch(text)
    if named is None:
        return "failed"
    label, message = _class_label(named.group(1)), (named.group(2) or "").strip()
    message = message.splitlines()[0].strip() if message else ""
    said = _known(message, target) if message else None
    if said is None:
        said = _said_in(message, line)
    return f"{label}: {said}" if said else label
