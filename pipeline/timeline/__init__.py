"""Stage 4: one row per event, merged across articles and ordered (``merge``), published whole (``publish``)."""
