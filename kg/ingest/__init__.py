"""Ingest: files in, `Article`s out (decoding, main-text extraction, metadata)."""

from kg.ingest.readers import iter_articles, list_input_files, read_path

__all__ = ["iter_articles", "list_input_files", "read_path"]
