"""The site as data: issues, their order, neighbours, pages, counts and addresses."""
