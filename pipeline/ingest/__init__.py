"""Stage 1: the input folder read into articles, quarantine rows and batches, reusing unchanged results."""
