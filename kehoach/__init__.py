"""kehoach: Vietnamese plan documents (kế hoạch) into analysis-ready Parquet tables."""

__version__ = "0.1.0"
