"""Normalised statements and their features: what two pieces of code share once names, comments and order are ignored.

Each logical line is tokenised with Python's ``tokenize``; comments and docstrings go, every name
a student chooses (variables, parameters, helpers) becomes ``V``, numbers ``N`` and strings ``S``,
while keywords, builtins, attribute names (``np.sum`` keeps ``sum``) and keyword-argument names
(``axis=``) stay: they are the API a solution uses, not its author's vocabulary.  Features are
taken inside one statement at a time (its token k-grams and the statement itself), plus one per
function for its *sorted* statements, so that reordering independent statements changes nothing.
"""
import builtins
import functools
import io
import keyword
import tokenize

K = 5  # tokens per k-gram: short enough for this course's one-line answers
KEPT_NAMES = (frozenset(dir(builtins)) | frozenset(keyword.kwlist) | frozenset(keyword.softkwlist)) - {"_"}
SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING,
           tokenize.ENDMARKER}
STRINGISH = {tokenize.STRING} | {getattr(tokenize, n) for n in ("FSTRING_START", "FSTRING_MIDDLE",
                                                                   "FSTRING_END") if hasattr(tokenize, n)}


def _logical_lines(source):
    """(first line number, last line number, tokens) per logical line; None when ``source`` does not tokenize."""
    lines, current = [], []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NEWLINE or (tok.type == tokenize.ENDMARKER and current):
                if current:
                    lines.append((current[0].start[0], tok.start[0], current))
                current = []
            elif tok.type not in SKIPPED:
                current.append(tok)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    return lines


def normalise(tokens):
    """One logical line's tokens as a tuple of normalised strings (empty for a docstring)."""
    out, depth, in_fstring = [], 0, 0
    for i, tok in enumerate(tokens):
        if tok.type in STRINGISH:
            name = tokenize.tok_name[tok.type]
            if name == "FSTRING_START":
                in_fstring += 1
            elif name == "FSTRING_END":
                in_fstring -= 1
                out.append("S")
            elif not in_fstring:
                out.append("S")
            continue
        if in_fstring:
            continue
        if tok.type == tokenize.OP:
            depth += tok.string in "([{"
            depth -= tok.string in ")]}"
            out.append(tok.string)
        elif tok.type == tokenize.NUMBER:
            out.append("N")
        elif tok.type == tokenize.NAME:
            after_dot = i > 0 and tokens[i - 1].string == "."
            keyword_arg = depth > 0 and i + 1 < len(tokens) and tokens[i + 1].string == "="
            out.append(tok.string if tok.string in KEPT_NAMES or after_dot or keyword_arg else "V")
        else:
            out.append(tok.string)
    return () if out == ["S"] else tuple(out)


@functools.lru_cache(maxsize=100_000)
def statements(source):
    """(first line, last line, normalised statement) for each logical line of ``source``.

    Code that does not tokenize (a syntax error) is read line by line, so a broken cell still counts.
    Cached: much of a class hands in the very same cell (the blank one, the reference, common ways).
    """
    lines = _logical_lines(source)
    if lines is None:
        lines = []
        for number, text in enumerate(source.splitlines(), 1):
            found = _logical_lines(text.strip() + "\n") or []
            lines += [(number, number, toks) for _, _, toks in found]
    return tuple((first, last, norm) for first, last, toks in lines if (norm := normalise(toks)))


def statement_features(statement):
    """The statement itself and its token k-grams (the whole statement when shorter)."""
    text = " ".join(statement)
    found = {"s:" + text}
    if len(statement) > K:
        found.update("k:" + " ".join(statement[i:i + K]) for i in range(len(statement) - K + 1))
    return found


def unit_features(statements_, unit=""):
    """Features of one function's student-written statements: each statement's, plus its sorted set
    (named by the unit, so that the same lines in two different functions are not one feature)."""
    found = set()
    for statement in statements_:
        found |= statement_features(statement)
    if len(statements_) > 1:
        found.add(f"f:{unit}:" + " | ".join(sorted(" ".join(s) for s in statements_)))
    return found
