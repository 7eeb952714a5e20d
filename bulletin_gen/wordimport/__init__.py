"""Word and WPS documents (.docx) into issue files: open safely, read, map to the issue format, write."""
