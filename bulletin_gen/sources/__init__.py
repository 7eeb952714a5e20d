"""Discover and parse: the content files, one file to one Issue, and the build cache."""
