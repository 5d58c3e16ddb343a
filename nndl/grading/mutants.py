"""Mutant references: the reference solution with one catalogued mistake, so feedback can name it.

For every mistake of the course's catalogue (``notebooks/mistakes.toml``, read by
:func:`nndl.mistakes.catalogue`: a text replacement in one solution cell, with a diagnosis),
the ``source/`` notebook is changed accordingly and run on the same hidden inputs, in the
reference's jail, cached like the reference under a digest of the release and the mistake.  When
a student's result fails against the reference but matches a mutant's, the feedback names that
misconception first (see :mod:`nndl.grading.verdicts`).
A mutant that does not apply (its text is not in the solution) or does not run is skipped:
mutants only ever add an explanation, never change a score.  Only the test cells where a
mutant's results differ from the reference's are kept (elsewhere it can explain nothing), which
keeps the cache small where results are large (the cat images); a mutant's result of one case larger
than 64 MB is left out.
"""
import copy
import hashlib
import math
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from nbformat import NotebookNode

from nndl.grading.reference import cached, reference_results, run_release
from nndl.grading.release import Release, nbgrader_meta
from nndl.jail.call_result import CallResult
from nndl.mistakes import Mistake, catalogue

if TYPE_CHECKING:
    from nndl.course_settings import CourseSettings

Results = dict[str, dict[str, CallResult | None]]  # grade id -> {call id: result} (None: left out, too large)


def mutant_results(release: Release, cache_dir: str | Path | None = None, root: str | Path | None = None,
                   **run_options: Any) -> list[tuple[Mistake, Results]]:
    """``[(mistake, {grade id: results})]`` for every mistake the catalogue of the course at ``root`` holds for
    the release's assignment.

    Mutants not cached yet run in their jails a few at a time (one per core: a jail is a process of
    its own, so threads here only wait for them)."""
    reference = reference_results(release, cache_dir, **run_options)
    mutants = list(_mutants(release, root))

    def results_of(mutant: tuple[Mistake, int, str]) -> Results | None:
        mistake, index, key = mutant
        return cached(key, cache_dir, lambda: _run(release, _mutated(release.nb, mistake, index), reference,
                                                   run_options))

    with ThreadPoolExecutor(max_workers=max(1, min(MAX_PARALLEL, len(os.sched_getaffinity(0))))) as pool:
        found = list(pool.map(results_of, mutants))
    return [(mistake, results) for (mistake, _, _), results in zip(mutants, found) if results]


def expected_results(release: Release, settings: "CourseSettings", root: str | Path,
                     run_options: dict[str, Any]) -> tuple[Results, list[tuple[Mistake, Results]]]:
    """What ``release`` is judged against, as the course's ``settings`` say: the reference's results and,
    unless ``name_mistakes`` is off, the mutants' (with diagnoses), from their jails or from the cache."""
    cache = settings.cache_folder(root)
    reference = reference_results(release, cache, **run_options)
    return reference, (mutant_results(release, cache, root, **run_options) if settings.name_mistakes else [])


def mutant_keys(release: Release, root: str | Path | None = None) -> list[str]:
    """The cache keys of the release's mutant references (the catalogue of the course at ``root``)."""
    return [key for _, _, key in _mutants(release, root)]


def _mutants(release: Release, root: str | Path | None) -> Iterator[tuple[Mistake, int, str]]:
    """(mistake, index of the solution cell it changes, cache key) for each mistake that applies."""
    for mistake in catalogue(release.assignment, root):
        for index, cell in enumerate(release.nb.cells):
            meta = nbgrader_meta(cell)
            if meta.get("solution") and meta.get("grade_id") == mistake.grade_id and mistake.old in cell.source:
                key = hashlib.sha256("\0".join([release.digest, mistake.grade_id, mistake.old, mistake.new]).encode())
                yield mistake, index, "mutant-v4-" + key.hexdigest()
                break


def _mutated(nb: NotebookNode, mistake: Mistake, index: int) -> NotebookNode:
    changed = copy.deepcopy(nb)
    changed.cells[index].source = changed.cells[index].source.replace(mistake.old, mistake.new)
    return changed


MAX_PARALLEL = 4  # mutant jails run at once, at most (and no more than the cores)
MAX_CASE_BYTES = 64 * 1024**2  # a mutant's result of one case above this is not kept


def _run(release: Release, nb: NotebookNode, reference: Results, run_options: dict[str, Any]) -> Results:
    run = run_release(release, nb, **run_options)
    return {grade_id: {key: None if _nbytes(r) > MAX_CASE_BYTES else r for key, r in results.items()}
            for grade_id, results in run.results.items()
            if results is not None and not same(results, reference.get(grade_id))}


def _nbytes(value: Any) -> int:
    if isinstance(value, CallResult):
        return _nbytes(value.value) + _nbytes(value.args_after)
    if isinstance(value, np.ndarray):
        return value.nbytes
    if isinstance(value, dict):
        return sum(_nbytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_nbytes(v) for v in value)
    return 0


def same(a: Any, b: Any) -> bool:
    """Whether two results (:class:`CallResult`, or the wire's trees: dicts, lists, arrays, numbers, strings) are
    identical."""
    if isinstance(a, CallResult) or isinstance(b, CallResult):
        return isinstance(a, CallResult) and isinstance(b, CallResult) and same(a.to_dict(), b.to_dict())
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape):
            return False
        return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b
