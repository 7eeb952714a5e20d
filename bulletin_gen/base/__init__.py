"""Shared by every stage: problems as data, the editor's messages, the worker pool, file locks."""
