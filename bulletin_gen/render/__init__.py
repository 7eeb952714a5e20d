"""Plan and render: every output file and its key, the theme, the renderer, feeds."""
