"""Command-line tools for translators and maintainers (run with ``python -m tools.<name>``)."""
