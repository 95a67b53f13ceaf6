"""Ingest: files in, `Article`s out (decoding, main-text extraction, metadata), within limits."""

from kg.ingest.limits import DEFAULT_LIMITS, Limits
from kg.ingest.readers import FileRead, iter_articles, list_input_files, read_file, read_path

__all__ = ["DEFAULT_LIMITS", "FileRead", "Limits", "iter_articles", "list_input_files", "read_file", "read_path"]
