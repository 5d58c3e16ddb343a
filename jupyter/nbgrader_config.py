"""nbgrader's settings for a course on one machine (`make lab`, which puts this folder on JUPYTER_CONFIG_PATH and
starts JupyterLab at the course root): nbgrader's exchange is the course root's exchange/ folder.

The formgrader asks for the exchange on every page; nbgrader's default, /srv/nbgrader/exchange, does not exist
on such a machine, and each visit would log "Unwritable directory, please contact your instructor". Nothing is
released through this exchange (the Assignment List is off, see jupyter_server_config.json); on a JupyterHub,
`nndl hub` gives every account the hub's shared exchange instead, in its own ~/.jupyter/nbgrader_config.py.
"""
import os

c = get_config()  # noqa: F821

EXCHANGE = os.path.join(os.getcwd(), "exchange")
os.makedirs(EXCHANGE, exist_ok=True)
c.Exchange.root = EXCHANGE
