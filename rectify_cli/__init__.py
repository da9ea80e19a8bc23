"""rectify: a command-line progress auditor for rectification ledgers (整改台账)."""

__version__ = "0.1.0"
