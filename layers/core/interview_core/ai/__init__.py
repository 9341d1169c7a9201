"""AI parts, each behind a small interface with an offline implementation."""
