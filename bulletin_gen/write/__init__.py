"""Write: the output directory, staged and swapped in whole or file by file."""
