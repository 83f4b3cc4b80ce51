"""engage: police community engagement logging over one SQLite (or PostgreSQL) store."""

__version__ = "0.1.0"
