"""The jail: where every line of student code runs (bubblewrap namespaces, limits, a plain-data channel).

* :mod:`nndl.jail.bwrap`  builds the jail: which bwrap, which mounts, namespaces and limits;
* :mod:`nndl.jail.inside` is the program that runs *inside* it (a real IPython shell);
* :mod:`nndl.jail.run`    starts one jail on a notebook's cells and reads back what it produced;
* :mod:`nndl.jail.wire`   is the only format that crosses the jail's wall (JSON + .npz frames, never pickle).
"""
