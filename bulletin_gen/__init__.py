"""bulletin-gen: a static site generator for work bulletins (组工信息 / 工作简报)."""

__version__ = "0.1.0"
