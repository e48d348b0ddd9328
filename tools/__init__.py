"""Developer tools run from the project root (measures, helpers); not part of the pipeline library."""
