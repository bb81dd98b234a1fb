"""Rolemap: who owns each channel, which KPIs are real, which channel must stop today."""

__version__ = "0.1.0"
