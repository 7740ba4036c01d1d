"""Developer tools: screenshots and demo states (not part of the shipped app)."""
