"""How `nndl similarity` scales, and what it finds: a simulated class with planted copies.

The class: 10 % of students hand in the reference solution itself, 5 % the blank release, the rest
write independently: for each function one of several genuinely different correct ways (or the
reference's), at random, and for about a third of the functions a touch of their own
(:mod:`nndl.simulate_similarity`).  Then some students copy a classmate (one chosen at random
among the independent ones), four ways: variables renamed, independent statements reordered,
comments added, or all three.  Every notebook is written to submitted/ (from the release, like
``nndl.simulate.filled_notebook``) and `nndl similarity` runs on the class as an instructor runs it:
reading the notebooks, LSH, exact scores, CSV and pages.

Printed: the time; how many copies are found (a copy whose source wrote nothing distinctive,
the reference or only code much of the class also wrote, cannot be told from independent work: those
are counted apart); how many pairs of independent students are flagged.

Usage: ``python benchmarks/similarity_scale.py [--students 300 10000] [--assignment w2_numpy_basics]``
"""
import argparse
import copy as copying
import json
import random
import shutil
import tempfile
import time
from pathlib import Path

from nndl.simulate_similarity import disguise, independent_solution
from nndl.build.notebook_text import strip_solution_markers
from nndl.similarity.run import run_similarity

REPO = Path(__file__).resolve().parent.parent
KINDS = {"renamed": dict(rename=True, reorder=False, comment=False),
         "reordered": dict(rename=False, reorder=True, comment=False),
         "commented": dict(rename=False, reorder=False, comment=True),
         "all three": dict(rename=True, reorder=True, comment=True)}


def solution_cells(path):
    nb = json.loads(Path(path).read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: "".join(c["source"]) for c in nb["cells"]
            if c["metadata"].get("nbgrader", {}).get("solution")}


def make_class(root, assignment, students, copies_per_kind, seed=0):
    """Write the class; return {copier: (source, kind)} and the independent students."""
    rng = random.Random(seed)
    release = json.loads((root / "release" / assignment / f"{assignment}.ipynb").read_text())
    reference = solution_cells(root / "source" / assignment / f"{assignment}.ipynb")
    starter = solution_cells(root / "release" / assignment / f"{assignment}.ipynb")
    width = len(str(students))
    names = [f"s{k:0{width}d}" for k in range(students)]
    work, independent = {}, []
    for name in names:
        draw = rng.random()
        if draw < 0.10:
            work[name] = {g: strip_solution_markers(s) for g, s in reference.items()}
        elif draw < 0.15:
            work[name] = dict(starter)
        else:
            work[name] = independent_solution(reference, assignment, rng)
            independent.append(name)
    copies = {}
    copiers = rng.sample(independent, copies_per_kind * len(KINDS))
    sources = [n for n in independent if n not in copiers]
    for i, copier in enumerate(copiers):
        kind = list(KINDS)[i % len(KINDS)]
        source = rng.choice(sources)
        work[copier] = {g: disguise(s, starter[g], rng, **KINDS[kind]) for g, s in work[source].items()}
        copies[copier] = (source, kind)
    for name, cells in work.items():
        nb = copying.deepcopy(release)
        for cell in nb["cells"]:
            grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
            if cell["metadata"].get("nbgrader", {}).get("solution"):
                cell["source"] = cells[grade_id]
        folder = root / "submitted" / name / assignment
        folder.mkdir(parents=True)
        (folder / f"{assignment}.ipynb").write_text(json.dumps(nb))
    return copies, set(independent) - set(copiers)


def measure(students, assignment, copies_per_kind):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for kind in ("source", "release"):
            shutil.copytree(REPO / kind / assignment, root / kind / assignment)
        start = time.perf_counter()
        copies, independent = make_class(root, assignment, students, copies_per_kind)
        made = time.perf_counter() - start
        start = time.perf_counter()
        _, result = run_similarity(root, assignment, max_chance=float("inf"))
        took = time.perf_counter() - start
        print(f"\n{assignment}, {students} students ({made:.1f} s to write the notebooks): `nndl similarity` "
              f"took {took:.1f} s; {len(result.matches_reference)} match the reference")
        copy_pairs = {frozenset((c, s)) for c, (s, _) in copies.items()}
        by_source = {}  # two copiers of one source are copies of each other too
        for c, (s, _) in copies.items():
            by_source.setdefault(s, []).append(c)
        for group in by_source.values():
            copy_pairs |= {frozenset((a, b)) for a in group for b in group if a != b}
        pairs_independent = len(independent) * (len(independent) - 1) // 2
        for rule, limit in (("score >= 0.6 and chance < 1 (the default)", 1.0),
                            ("score >= 0.6 alone (--chance inf)", float("inf"))):
            flagged = {frozenset((p.a, p.b)) for p in result.pairs if p.chance < limit}
            print(f"  {rule}: {len(flagged)} pairs flagged")
            for kind in KINDS:
                mine = [(c, s) for c, (s, k) in copies.items() if k == kind]
                found = sum(frozenset(p) in flagged for p in mine)
                telling = [(c, s) for c, s in mine if len(result.unit_features.get(s, {})) >= 2]
                found_telling = sum(frozenset(p) in flagged for p in telling)
                print(f"    copies {kind:<10}: found {found} of {len(mine)}; of those whose source wrote at least "
                      f"two functions distinctively: {found_telling} of {len(telling)}")
            false = [p for p in flagged if p not in copy_pairs]
            print(f"    independent students: {len(independent)} ({pairs_independent} pairs); flagged as copies: "
                  f"{len(false)} pairs ({len(false) / max(1, pairs_independent):.1e} of pairs), "
                  f"{len({s for p in false for s in p})} students")

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, nargs="+", default=[300, 10000])
    parser.add_argument("--assignment", nargs="+", default=["w2_numpy_basics", "w3_planar_data"])
    args = parser.parse_args()
    for n in args.students:
        for assignment in args.assignment:
            measure(n, assignment, copies_per_kind=max(5, n // 200))
