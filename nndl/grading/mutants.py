"""Mutant references: the reference solution with one catalogued mistake, so feedback can name it.

For every mistake of :func:`nndl.mistakes.catalogue` (a text replacement in one solution
cell, with a diagnosis), the ``source/`` notebook is changed accordingly and run on the same
hidden inputs, in the reference's jail, cached like the reference under a digest of the
release and the mistake.  When a student's result fails against the reference but matches a
mutant's, the feedback names that misconception first (see :mod:`nndl.grading.judge`).
A mutant that does not apply (its text is not in the solution) or does not run is skipped:
mutants only ever add an explanation, never change a score.
"""
import copy
import hashlib

from nndl.grading.reference import cached, run_release
from nndl.grading.release import nbgrader_meta
from nndl.mistakes import catalogue


def mutant_results(release, cache_dir=None, **run_options):
    """``[(diagnosis, {grade id: results})]`` for every catalogued mistake of the release's assignment."""
    found = []
    for mistake, index, key in _mutants(release):
        results = cached(key, cache_dir, lambda: _run(release, _mutated(release.nb, mistake, index), run_options))
        if results:
            found.append((mistake.diagnosis, results))
    return found


def mutant_keys(release):
    """The cache keys of the release's mutant references."""
    return [key for _, _, key in _mutants(release)]


def _mutants(release):
    """(mistake, index of the solution cell it changes, cache key) for each mistake that applies."""
    for mistake in catalogue(release.assignment):
        for index, cell in enumerate(release.nb.cells):
            meta = nbgrader_meta(cell)
            if meta.get("solution") and meta.get("grade_id") == mistake.grade_id and mistake.old in cell.source:
                key = hashlib.sha256("\0".join([release.digest, mistake.grade_id, mistake.old, mistake.new]).encode())
                yield mistake, index, "mutant-" + key.hexdigest()
                break


def _mutated(nb, mistake, index):
    changed = copy.deepcopy(nb)
    changed.cells[index].source = changed.cells[index].source.replace(mistake.old, mistake.new)
    return changed


def _run(release, nb, run_options):
    run = run_release(release, nb, **run_options)
    return {grade_id: results for grade_id, results in run.results.items() if results is not None}
