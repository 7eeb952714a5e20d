"""Reading text: encodings, YAML with lines, front matter, Markdown, credits, numerals, 字数."""
