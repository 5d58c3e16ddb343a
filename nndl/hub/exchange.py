"""nbgrader's filesystem exchange for the hub: the one folder every account shares.

nbgrader 0.9 wants its root world-writable (0777: ``release_assignment`` refuses or resets anything else);
the sticky bit is added so that nobody can remove or rename what another account made there.  Below it,
nbgrader sets its own modes: ``outbound/`` readable by all, ``inbound/`` 0733 (students drop submissions in,
named with a random string, and cannot list those of others), ``feedback/`` 0711 (pages named by a hash of
the submission's secret).
"""
import os
from pathlib import Path


def make_exchange(root):
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for folder in root.parents:  # every account must be able to walk down to it; say so rather than open it
        if not folder.stat().st_mode & 0o001:
            raise ValueError(f"the exchange {root} is inside {folder}, which other users cannot enter; "
                             "choose another --exchange (default /srv/nbgrader/exchange)")
    os.chmod(root, 0o1777)
    return root
