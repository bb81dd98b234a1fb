"""Notifications: who hears about which flag and check after a run (docs/contract-loop.md)."""
