"""One module per `bulletin` sub-command."""
