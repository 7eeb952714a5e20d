"""The live preview behind `bulletin serve`: watch the sources, rebuild, serve, tell the browser."""
