"""Publishing rules: when versions take effect, advance notice of material changes, date defaults."""
