# The Pelican peer: one page per issue, a 20-per-page archive, prev/next links
# (the pelican-neighbors plugin), content cache on.
SITENAME = "组工信息"
SITEURL = ""
PATH = "content"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"
THEME = "theme"
DEFAULT_PAGINATION = 20
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGINATION_PATTERNS = ((1, "{url}", "{save_as}"), (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"))
DIRECT_TEMPLATES = ["index"]
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
PLUGINS = ["pelican.plugins.neighbors"]
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
CACHE_PATH = "cache"
