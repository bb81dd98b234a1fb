"""Notifications: who hears about which flag and check after a run.

Contract: docs/contract-notifications.md.
"""
