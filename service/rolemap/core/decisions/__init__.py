"""The `Decisions` tab: what the service proposes, what the CMO decided, and what that hides."""
