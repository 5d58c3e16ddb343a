"""Pairs of works that share much of their distinctive code, found with MinHash-LSH and scored exactly.

Three kinds of code are *not* evidence of copying, and their features are taken out before any
comparison:

* starter code (left out already by :mod:`nndl.similarity.code`);
* the reference solution, per function: in this course most correct answers are one-line
  formulas that every good student writes the same way, so a student whose code is the
  reference's is reported as "matches the reference solution", for information, and is never
  paired with the others for it;
* code most of the class writes: a feature found in more than ``common`` (a share) of the class's
  submissions is common knowledge (``np.sum(x, axis=1, keepdims=True)``), like MOSS's limit on how
  many programs a passage may appear in.  A large copying ring can hide behind it; lower
  ``common`` for a small class.

The score of a pair is the Jaccard index of what is left: the share of the distinctive code
fragments either of them wrote that both wrote.  A high score is not enough in a large class:
with a handful of ways to write each function, thousands of independent students coincide by
chance.  So each pair also gets its *chance*: how many pairs of this class would be expected to
write those functions alike by coincidence, from how many classmates wrote each function's rarest
shared fragment (students taken as independent, functions too).  Only pairs whose chance is below
``max_chance`` (default 1: not even one such pair expected) are reported.

MinHash-LSH (``datasketch``) proposes the candidate pairs, so a class of 10,000 is not compared
pair by pair; every candidate is then scored on its exact feature sets.
"""
from collections import Counter
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from nndl.similarity.fingerprint import unit_features

NUM_PERM = 128
MIN_CLASS_FOR_COMMON = 20  # below this, "most of the class" says nothing: no feature is common


@dataclass
class Pair:
    a: str
    b: str
    score: float
    functions: list  # units both wrote alike
    known: bool  # b is a known solution file
    chance: float = 0.0  # pairs of the class expected to be this alike by coincidence


@dataclass
class Result:
    pairs: list  # above the threshold, highest first
    matches_reference: list  # students whose every written function is the reference's
    skipped: list  # (name, why) not compared
    compared: int  # works compared (students and known files)
    works: dict = field(default_factory=dict)  # name -> Work (for the pages)
    unit_features: dict = field(default_factory=dict)  # name -> unit -> distinctive features


def _reference_features(assignment):
    """unit -> the reference's features, and all of them together (for a known file's other functions)."""
    per_unit = {u: unit_features(s, u) for u, s in assignment.reference.items()}
    return per_unit, set().union(*per_unit.values()) if per_unit else set()


def _distinctive(work, assignment, reference_features):
    """unit -> features the author wrote that the reference solution of that unit does not hold."""
    reference_all, everything = reference_features
    found = {}
    for name, unit in work.units.items():
        written = [s for _, _, s in unit.statements]
        if not written:
            continue
        reference = reference_all.get(name, everything)
        if name in assignment.reference and sorted(written) == sorted(assignment.reference[name]):
            continue  # exactly the reference's statements, in any order
        own = unit_features(written, name) - reference
        if own:
            found[name] = own
    return found


def _jaccard(x, y):
    return len(x & y) / len(x | y) if x or y else 0.0


def _alike(a, b, any_name):
    """a's units written alike in b: the same unit, or (for a known file, whose names may differ) any."""
    if not any_name:
        return sorted(u for u in a.keys() & b.keys() if _jaccard(a[u], b[u]) >= 0.5)
    return sorted(u for u in a if any(_jaccard(a[u], f) >= 0.5 for f in b.values()))


def _chance(a_units, b_features, alike, frequency, students, pairs):
    """Pairs expected to share, by coincidence, a fragment as rare as the rarest each alike function shares.

    The chance that another student writes a fragment is estimated from the class: (students who wrote
    it, less the one already counted) / class size."""
    odds = pairs
    for unit in alike:
        shared = a_units[unit] & b_features
        rarest = min((frequency.get(f, 1) for f in shared), default=students)
        odds *= max(rarest - 1, 1) / max(students, 1)
    return odds if alike else float(pairs)


def compare(students, known, assignment, threshold=0.6, common=0.1, max_chance=1.0):
    """Score every pair of students, and each student against each known file, that LSH proposes."""
    skipped = []
    per_unit = {}
    matches_reference = []
    reference_features = _reference_features(assignment)
    for work in students + known:
        units = _distinctive(work, assignment, reference_features)
        if not units and not work.known:
            matches_reference.append(work.name)
        per_unit[work.name] = units

    frequency = Counter(f for w in students for f in set().union(*per_unit[w.name].values()))
    if len(students) >= MIN_CLASS_FOR_COMMON:
        limit = common * len(students)
        too_common = {f for f, n in frequency.items() if n > limit}
        for name, units in per_unit.items():
            per_unit[name] = {u: kept for u, f in units.items() if (kept := f - too_common)}

    flat = {}
    for work in students + known:
        features = set().union(*per_unit[work.name].values()) if per_unit[work.name] else set()
        if features:
            flat[work.name] = features
        elif work.name not in matches_reference and not work.known:
            skipped.append((work.name, "nothing distinctive: only code much of the class also wrote"))

    names = list(flat)
    lsh = MinHashLSH(threshold=max(0.05, 0.7 * threshold), num_perm=NUM_PERM)
    sketches = MinHash.bulk([[f.encode() for f in flat[n]] for n in names], num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for key, sketch in enumerate(sketches):
            session.insert(key, sketch)
    is_known = {w.name for w in known}
    seen, pairs = set(), []
    for key, name in enumerate(names):
        if name in is_known:
            continue
        for other in lsh.query(sketches[key]):
            if other == key:
                continue
            b = names[other]
            pair = (name, b) if b in is_known else tuple(sorted((name, b)))
            if pair in seen:
                continue
            seen.add(pair)
            score = _jaccard(flat[pair[0]], flat[pair[1]])
            if score >= threshold:
                alike = _alike(per_unit[pair[0]], per_unit[pair[1]], b in is_known)
                odds = _chance(per_unit[pair[0]], flat[pair[1]], alike, frequency, len(students),
                               len(students) * len(known) if b in is_known else len(students) * (len(students) - 1) / 2)
                if odds < max_chance:
                    pairs.append(Pair(pair[0], pair[1], score, alike, b in is_known, odds))
    pairs.sort(key=lambda p: (-p.score, p.a, p.b))
    works = {w.name: w for w in students + known}
    return Result(pairs, sorted(matches_reference), skipped, len(flat), works, per_unit)
