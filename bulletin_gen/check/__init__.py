"""The rules of `bulletin check`, and the review that publish shares."""
