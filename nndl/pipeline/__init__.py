"""The instructor's main job on a whole class: take in submissions, grade in parallel, report."""
