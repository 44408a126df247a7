"""Plain-Python core of the guide: data loading, validation, localisation and marker rendering.

Nothing in this package imports MkDocs, so the logic can move to another site generator and is
unit-tested on its own. The thin modules in ``hooks/`` call into it.
"""
