"""The desktop app (PySide6). Calls the core; holds no business rule."""
