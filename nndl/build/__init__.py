"""Build: authored text notebooks -> nbgrader source notebooks -> student release."""
