"""site.yaml: the settings and the site's labels."""
