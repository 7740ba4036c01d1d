"""Notice Studio: draft, version and publish privacy notices."""

__version__ = "0.1.0"
