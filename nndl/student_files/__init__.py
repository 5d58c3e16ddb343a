"""Modules shipped next to the student notebooks (copied by ``nndl build``).

Nothing in this folder may hold a solution, a hidden test or a reference
output: a test scans release/ for them, and these files end up there.
An authored notebook lists the files it needs in its header
(``nndl: {ship: [cat_data.py]}``); ``nndl_checks.py`` always goes.
"""
