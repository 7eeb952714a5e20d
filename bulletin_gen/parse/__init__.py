"""Turning one issue file into an `Issue`: text → front matter + body → model."""
