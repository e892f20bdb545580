"""kehoach: Vietnamese plan documents (kế hoạch) into analysis-ready Parquet tables."""

__version__ = "0.9.0"  # the parser version: a re-run re-extracts files read by an older one
