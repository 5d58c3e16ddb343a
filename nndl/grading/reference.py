"""The reference solution's results on the hidden inputs: run in a jail of its own, cached by content hash.

The reference is the solution code of the instructor's ``source/`` notebook, run like a
submission (same cells, same hidden inputs) in a jail that sees only the source folder's
files and the data; no student jail ever sees that folder.  Its results are cached in
memory and in ``<course>/.nndl-cache/reference/`` under the release's digest (see
:mod:`nndl.grading.release`), so an edited release is never judged by stale answers.
A reference that does not run cleanly is a :class:`CourseFault`.
"""
import os
import tempfile
from pathlib import Path

from nndl.grading.release import CourseFault, jail_cells, probes_of
from nndl.jail import wire
from nndl.jail.call_result import CallResult
from nndl.jail.run import run_notebook

_memory = {}


def reference_key(release):
    """The reference's cache entry: the release's digest and the results' format."""
    return "reference-v3-" + release.digest


def reference_results(release, cache_dir=None, **run_options):
    """grade id -> {call id: result} of the reference's calls; raises :class:`CourseFault` if it fails."""
    return cached(reference_key(release), cache_dir, lambda: _run_reference(release, **run_options),
                  valid=lambda results: set(results) == set(release.specs))


def cached(key, cache_dir, compute, valid=lambda results: True):
    """``compute()``'s results (grade id -> results), kept in memory and in ``cache_dir`` under ``key`` (on disk
    as plain dicts, :meth:`CallResult.to_dict`, read back through :meth:`CallResult.read`)."""
    stem = Path(cache_dir) / key if cache_dir else None
    results = _memory.get(key)
    if results is None and stem and Path(f"{stem}.json").exists():
        try:
            loaded = _typed(wire.load(str(stem)))
            if valid(loaded):
                results = loaded
        except (OSError, ValueError):
            pass  # an unreadable cache entry is simply computed again
    if results is None:
        results = compute()
    _memory[key] = results
    if stem and not Path(f"{stem}.json").exists():  # workers of this run read it from here
        stem.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=stem.parent) as tmp:
            wire.dump(_plain(results), os.path.join(tmp, "entry"))
            os.replace(os.path.join(tmp, "entry.npz"), f"{stem}.npz")
            os.replace(os.path.join(tmp, "entry.json"), f"{stem}.json")
    return results


def _plain(results):
    """grade id -> {call id: result as a plain dict, or None} (or None): what the cache stores."""
    return {grade_id: None if calls is None else {key: r and r.to_dict() for key, r in calls.items()}
            for grade_id, calls in results.items()}


def _typed(loaded):
    """The results a cache entry holds (see :func:`_plain`); ValueError if it is not shaped like them."""
    if not isinstance(loaded, dict) or not all(calls is None or isinstance(calls, dict) for calls in loaded.values()):
        raise ValueError("not a cache entry of results")
    return {grade_id: None if calls is None else {key: None if r is None else CallResult.read(r)
                                                  for key, r in calls.items()}
            for grade_id, calls in loaded.items()}


def run_release(release, nb=None, **run_options):
    """Run the instructor's notebook ``nb`` (default: the release's own) on the hidden inputs, in a jail."""
    cells = jail_cells(nb or release.nb, release.skip_ids, list(release.specs))
    return run_notebook(cells, probes_of(release.specs), release.folder, **run_options)


def _run_reference(release, **run_options):
    where = f"the reference solution of {release.assignment}/{release.notebook} (source/{release.assignment})"
    run = run_release(release, **run_options)
    failures = list(run.problems)
    for cell in run.cells.values():
        for output in cell.outputs:
            if output["output_type"] == "error":
                failures.append(f"cell {cell.index} raised {output['ename']}: {output['evalue'][:300]}")
    for grade_id, calls in probes_of(release.specs).items():
        results = run.results.get(grade_id)
        if results is None or set(results) != {call["id"] for call in calls}:
            failures.append(f"no results for the hidden checks of {grade_id}")
            continue
        for call in calls:
            result = results[call["id"]]
            if not result.ok:
                failures.append(f"{call['target']} failed on a hidden input of {grade_id}: {result.error}")
    if failures:
        raise CourseFault(f"{where} does not run cleanly, so nothing can be judged against it: "
                          + "; ".join(failures[:3]) + ". Fix the source notebook (or the data files it reads: "
                          "is NNDL_DATA_DIR right, are the .h5 files whole?), rebuild, and grade again.")
    return run.results
