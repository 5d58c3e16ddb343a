"""Grading: hidden checks run outside the student's kernel (see preprocessor.py)."""
