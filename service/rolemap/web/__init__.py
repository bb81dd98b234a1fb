"""The HTTP service: the Flask app, caller authentication, load limits, serving."""

from rolemap.web.app import create_app
from rolemap.web.serve import make_dev_server, run_dev_server

__all__ = ["create_app", "make_dev_server", "run_dev_server"]
