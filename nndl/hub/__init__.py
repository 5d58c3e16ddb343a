"""The whole term on a JupyterHub on one machine: Unix accounts for the instructor and every rostered student,
nbgrader's filesystem exchange between them, the hub's configuration, and the instructor's one command that
collects, grades in the jail and releases feedback (``nndl hub``)."""
