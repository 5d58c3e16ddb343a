"""``nndl similarity``: which students' solution cells look copied from each other or from known solutions.

``code`` reads what each student wrote (starter code left out), ``fingerprint`` turns it into
features that survive renaming, comments and reordering, ``compare`` finds and scores the pairs,
``pages`` writes the CSV, the side-by-side HTML pages and the index.
"""
