"""What the terminal shows: problems, tables and the progress bar."""
