"""Every sentence the tool says, in zh-CN (the default) and en.

Messages are looked up by key so that a problem can be recorded once and
reported in the site's language. The catalogue strings are ours; only the
parameters come from user data, so str.format on them is safe.
"""

from __future__ import annotations

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"

LEVELS = {
    "zh-CN": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

MESSAGES: dict[str, dict[str, str]] = {
    # --- reading files -------------------------------------------------
    "file.gbk": {
        "zh-CN": "文件不是 UTF-8 编码，看起来是 GBK/GB18030（Windows 记事本里的“ANSI”）。"
        "请用记事本打开它，点“文件 → 另存为”，把“编码”选为“UTF-8”后保存，再重新构建。",
        "en": "the file is not UTF-8; it looks like GBK/GB18030 (\"ANSI\" in Windows Notepad). "
        "Open it in Notepad, choose File → Save As, set Encoding to UTF-8, save, and build again.",
    },
    "file.not_utf8": {
        "zh-CN": "文件不是 UTF-8 编码（第 {offset} 个字节无法识别）。请用 UTF-8 编码重新保存。",
        "en": "the file is not UTF-8 (byte {offset} cannot be decoded). Save it again as UTF-8.",
    },
    "file.utf16": {
        "zh-CN": "文件是 UTF-16 编码（Windows 里的“Unicode”）。请另存为“UTF-8”编码。",
        "en": "the file is UTF-16 (\"Unicode\" in Windows). Save it again as UTF-8.",
    },
    "file.nul": {
        "zh-CN": "文件含有空字节（NUL），不是文本文件。",
        "en": "the file contains NUL bytes; it is not a text file.",
    },
    "file.control_chars": {
        "zh-CN": "这一行有看不见的控制字符（{codes}），多半是从 Word 或网页粘贴带来的，已删去；原文件没有改动。",
        "en": "this line holds invisible control characters ({codes}), most likely pasted from Word or a web page; "
              "they were left out (the file is unchanged).",
    },
    "file.unreadable": {
        "zh-CN": "无法读取文件：{reason}",
        "en": "cannot read the file: {reason}",
    },
    # --- front matter --------------------------------------------------
    "fm.missing": {
        "zh-CN": "文件开头缺少前置信息：第一行应为 ---，接着写期号（issue）、日期（date）等，再以一行 --- 结束。",
        "en": "the file does not start with front matter: the first line must be ---, then issue, date "
        "and the other fields, then a line with ---.",
    },
    "fm.unclosed": {
        "zh-CN": "前置信息从第 {start} 行的 --- 开始，但找不到结束它的 --- 行。",
        "en": "the front matter opened by --- on line {start} is never closed by a --- line.",
    },
    "fm.yaml": {
        "zh-CN": "前置信息不是有效的 YAML：{problem}。每行应写成“键: 值”，冒号后留一个空格。",
        "en": "the front matter is not valid YAML: {problem}. Write each line as \"key: value\", "
        "with a space after the colon.",
    },
    "fm.not_mapping": {
        "zh-CN": "前置信息应是一组“键: 值”，这里却是{kind}。",
        "en": "the front matter must be a set of \"key: value\" lines, not {kind}.",
    },
    "fm.kind.list": {"zh-CN": "一个列表", "en": "a list"},
    "fm.kind.text": {"zh-CN": "一段文字“{text}”", "en": "the text \"{text}\""},
    "fm.fullwidth_colon": {
        "zh-CN": "“{key}”后面用了全角冒号“：”，已按半角冒号“:”读取；建议改为“{key}: ”。",
        "en": "full-width colon \"：\" after \"{key}\" was read as \":\"; prefer \"{key}: \".",
    },
    "fm.duplicate_key": {
        "zh-CN": "“{key}”写了两次（第 {first} 行已经有了）。",
        "en": "\"{key}\" is given twice (first on line {first}).",
    },
    "fm.number_too_large": {
        "zh-CN": "“{key}”的值“{value}”太大了，最大只能是 {largest}。",
        "en": "\"{key}\" is \"{value}\", which is too large; the largest allowed is {largest}.",
    },
    "fm.unknown_key": {
        "zh-CN": "不认识的键“{key}”，已忽略。{hint}",
        "en": "unknown key \"{key}\", ignored.{hint}",
    },
    "fm.missing_field": {
        "zh-CN": "缺少必填项“{key}”（{what}）。",
        "en": "the required field \"{key}\" ({what}) is missing.",
    },
    "fm.wrong_type": {
        "zh-CN": "“{key}”应为{expected}，这里是“{value}”。",
        "en": "\"{key}\" must be {expected}, not \"{value}\".",
    },
    "fm.bad_date": {
        "zh-CN": "“{key}”不是日期：“{value}”。请写成 年-月-日，例如 2015-12-23。",
        "en": "\"{key}\" is not a date: \"{value}\". Write it as YYYY-MM-DD, e.g. 2015-12-23.",
    },
    "fm.impossible_date": {
        "zh-CN": "日期“{value}”不存在（{month}月没有{day}日，或月份不在 1–12 之间）。",
        "en": "the date \"{value}\" does not exist (month {month} has no day {day}, or the month is not 1–12).",
    },
    "fm.summary_item": {
        "zh-CN": "内容摘要（summary）第 {index} 项应为一段文字，或带 title（和 subtitle）的条目。",
        "en": "summary item {index} must be text, or an entry with title (and subtitle).",
    },
    # --- body ----------------------------------------------------------
    "body.brackets": {
        "zh-CN": "从这一行起的正文里方括号“[”有 {count} 个没有配对或一层套一层，已全部当作普通文字显示，"
                 "不再识别其中的链接。",
        "en": "the text from this line on holds {count} \"[\" left open or nested in one another; every bracket "
              "in it is shown as typed and no link in it is read.",
    },
    "body.too_deep": {
        "zh-CN": "从这一行起的正文里列表或引用一层套一层，嵌套太深，无法排版；请减少缩进层数（正文一般不需要超过三层）。",
        "en": "the text from this line on nests lists or quotes too deeply to be laid out; use fewer levels of "
              "indentation (three are plenty for a bulletin).",
    },
    "body.pasted_indent": {
        "zh-CN": "从这一行起有 {count} 行行首带空格（从网页粘贴的缩进），已去掉：每行仍是一段，段首由版式自动缩进两字。"
                 "如果这些行是要原样显示的代码，请在上下各加一行 ```。",
        "en": "{count} lines from this one start with spaces (an indent pasted from a web page); it was removed: "
              "each line is still a paragraph, indented 2em by the theme. If the lines are code to show as typed, "
              "put a line ``` above and below them.",
    },
    "body.asterisks_typed": {
        "zh-CN": "“{text}”里的星号已按原样显示（当作打码）。如果是要加粗，请在前一个 ** 之前加一个空格，"
                 "如“要做到 **三个坚持**，”（这个空格不会显示）；如果确是打码，写成 \\*\\* 就不再提示。",
        "en": "the asterisks in \"{text}\" are shown as typed (read as a mask). For bold, put a space before the "
              "first **, as in \"要做到 **三个坚持**，\" (the space is not shown); if it is a mask, write \\*\\* "
              "and this warning goes away.",
    },
    "body.asterisks_bold": {
        "zh-CN": "“{text}”已按段首加粗显示。如果这些星号是打码，请写成 \\*\\*（如“\\*\\*年8月”），就会按原样显示。",
        "en": "\"{text}\" is shown as a bold lead. If the asterisks are a mask, write them \\*\\* "
              "(as in \"\\*\\*年8月\"), and they are shown as typed.",
    },
    "body.credit_unsure": {
        "zh-CN": "供稿行“{text}”里的“{name}”像是人名，也可能是单位名，已按供稿单位统计。"
                 "如果是人名，请写成“（供稿人：{name}）”或“（组织一科 {name} 供稿）”。",
        "en": "in the credit \"{text}\", \"{name}\" reads like a person's name but may be a unit's; it is counted "
              "as the contributing unit. If it is a person, write \"（供稿人：{name}）\" or \"（组织一科 {name} 供稿）\".",
    },
    "body.web_furniture": {
        "zh-CN": "“{text}”像是从网页复制时带进来的（浏览量、打印/关闭按钮、字号、发布时间等），不是正文，页面上不显示。"
                 "请从文件里删掉这一行。",
        "en": "\"{text}\" looks like part of a web page copied with the text (view counts, print/close buttons, "
              "font size, publishing time), not the article's text; it is left out of the page. Delete the line "
              "from the file.",
    },
    "body.kicker_alone": {
        "zh-CN": "引题“{text}”下面没有主题（紧接着的一行“## ”标题），已把它当作主题。",
        "en": "the kicker (引题) \"{text}\" has no main title under it (a \"## \" heading on the next line); "
              "it is used as the main title.",
    },
    "body.file_outside": {
        "zh-CN": "“{target}”指向 content 文件夹以外的文件，已去掉这个链接。图片和附件请放在 content 文件夹里，"
                 "和本期文件放在一起。",
        "en": "\"{target}\" points outside the content folder; the link is removed. Put pictures and attachments "
              "in the content folder, beside the issue's file.",
    },
    "body.file_missing": {
        "zh-CN": "正文链接的“{name}”不在 content 文件夹里，页面上会缺这张图片或这个附件。"
                 "请把文件放在本期文件旁边，或改正文件名。{hint}",
        "en": "\"{name}\", linked from the text, is not in the content folder, so the page lacks this picture or "
              "attachment. Put the file beside the issue's file, or correct its name.{hint}",
    },
    "body.credit_empty": {
        "zh-CN": "供稿行没有写供稿单位：“{text}”。应写成“（组织一科 供稿）”或“（供稿单位：××区委组织部）”。",
        "en": "the credit line names no contributor: \"{text}\". Write \"（组织一科 供稿）\" "
        "or \"（供稿单位：××区委组织部）\".",
    },
    "body.no_articles": {
        "zh-CN": "本期没有文章：正文里没有以“## ”开头的标题。",
        "en": "this issue has no articles: the body has no heading starting with \"## \".",
    },
    "summary.missing": {
        "zh-CN": "本期没有写内容摘要（summary），而 site.yaml 要求每期都有（summary: required）。"
                 "请在开头的设置里加上 summary: 和各项标题；本期确实不要摘要时写 summary: []。",
        "en": "this issue lists no summary, and site.yaml requires one in every issue (summary: required). Add "
              "summary: with its items to the front matter, or write summary: [] for an issue that has none.",
    },
    "summary.no_match": {
        "zh-CN": "内容摘要第 {index} 项“{item}”找不到同名的文章或栏目，摘要里不会链接到它。{hint}",
        "en": "summary item {index} \"{item}\" matches no article or column title, so it is not linked.{hint}",
    },
    # --- the site as a whole ------------------------------------------
    "issue.duplicate": {
        "zh-CN": "期号重复：{which}，与 {other} 相同。",
        "en": "duplicate issue number: {which}, also used by {other}.",
    },
    "issue.which_yearly": {"zh-CN": "{year}年第{number}期", "en": "{year} No. {number}"},
    "issue.which_continuous": {"zh-CN": "第{number}期", "en": "No. {number}"},
    # --- why the operating system refused (problems.os_reason) ---------------
    "os.no_space": {"zh-CN": "磁盘已满{where}", "en": "the disk is full{where}"},
    "os.read_only": {"zh-CN": "磁盘是只读的{where}", "en": "the disk is read-only{where}"},
    "os.denied": {"zh-CN": "没有写入权限{where}", "en": "no permission to write{where}"},
    "os.not_dir": {"zh-CN": "路径中有一段是文件而不是文件夹{where}", "en": "part of the path is a file, not a folder{where}"},
    "os.exists": {"zh-CN": "那里已经有一个同名的文件{where}", "en": "a file of that name is already there{where}"},
    "os.is_dir": {"zh-CN": "那里是一个文件夹{where}", "en": "that is a folder{where}"},
    "os.where": {"zh-CN": "（{file}）", "en": " ({file})"},
    "output.write_failed": {
        "zh-CN": "无法写入输出目录 {path}：{reason}。原来的输出没有改动；请腾出空间或换一个可写的目录后再构建。",
        "en": "cannot write the output directory {path}: {reason}. The previous output is unchanged; free some "
              "space or choose a writable folder, and build again.",
    },
    "content.missing_dir": {
        "zh-CN": "找不到内容目录 {path}。",
        "en": "the content directory {path} does not exist.",
    },
    "content.outside": {
        "zh-CN": "{path} 是指向内容目录以外的链接，已拒绝读取。",
        "en": "{path} links to a place outside the content directory; refused.",
    },
    "content.broken_link": {
        "zh-CN": "这是一个链接，但它指向的文件{reason}，已跳过。",
        "en": "this is a link whose target {reason}; skipped.",
    },
    "content.link_missing": {"zh-CN": "不存在", "en": "does not exist"},
    "content.link_loop": {"zh-CN": "又指回了它自己（链接形成了循环）", "en": "leads back to itself (a loop of links)"},
    "content.dir_link": {
        "zh-CN": "这是指向文件夹 {target} 的链接，没有读取里面的文件；如果要包含那些期次，请把它们移到内容目录里。",
        "en": "this is a link to the folder {target}, whose files were not read; move those issues into the "
              "content directory to include them.",
    },
    "content.undecodable_name": {
        "zh-CN": "文件名“{name}”不是 UTF-8 编码（多半是在 Linux 上解压 Windows 的 zip 时留下的 GBK 文件名），"
                 "已跳过；请把它改名为“{suggested}”（或别的名字）后再构建。",
        "en": "the file name \"{name}\" is not UTF-8 (most likely a GBK name left by unzipping a Windows zip); "
              "skipped. Rename it, for example to \"{suggested}\", and build again.",
    },
    "content.empty": {
        "zh-CN": "内容目录 {path} 里没有任何期次（.md 文件）。",
        "en": "the content directory {path} holds no issues (.md files).",
    },
    "site.no_base_url": {
        "zh-CN": "site.yaml 没有设置 base_url，因此没有生成 feed.xml 和 sitemap.xml（它们需要完整网址）。",
        "en": "site.yaml sets no base_url, so feed.xml and sitemap.xml were not written (they need full URLs).",
    },
    # --- site.yaml ------------------------------------------------------
    "config.missing": {
        "zh-CN": "找不到站点配置文件 {path}。请在站点目录里运行，或用 --site 指定站点目录。",
        "en": "the site configuration {path} does not exist. Run in the site directory or pass --site.",
    },
    "config.yaml": {
        "zh-CN": "site.yaml 不是有效的 YAML：{problem}。",
        "en": "site.yaml is not valid YAML: {problem}.",
    },
    "config.not_mapping": {
        "zh-CN": "“{key}”应是一组“键: 值”。",
        "en": "\"{key}\" must be a set of \"key: value\" lines.",
    },
    "config.unknown_key": {
        "zh-CN": "site.yaml 里不认识的键“{key}”。{hint}",
        "en": "unknown key \"{key}\" in site.yaml.{hint}",
    },
    "config.wrong_type": {
        "zh-CN": "site.yaml 的“{key}”应为{expected}，这里是“{value}”。",
        "en": "\"{key}\" in site.yaml must be {expected}, not \"{value}\".",
    },
    "config.choice": {
        "zh-CN": "site.yaml 的“{key}”只能是 {choices}，这里是“{value}”。{hint}",
        "en": "\"{key}\" in site.yaml must be one of {choices}, not \"{value}\".{hint}",
    },
    "config.placeholder": {
        "zh-CN": "site.yaml 的“{key}”里有不认识的占位符 {{{name}}}。可用的占位符：{known}。",
        "en": "\"{key}\" in site.yaml uses the unknown placeholder {{{name}}}. Known placeholders: {known}.",
    },
    "config.missing_static": {
        "zh-CN": "site.yaml 的“{key}”指向的文件 {path} 不存在（应放在站点的 static/ 目录里）。",
        "en": "\"{key}\" in site.yaml names {path}, which is not in the site's or the theme's static/.",
    },
    # --- themes ---------------------------------------------------------
    "theme.unknown": {
        "zh-CN": "找不到主题“{name}”。可用的主题：{available}。{hint}",
        "en": "there is no theme \"{name}\". Available themes: {available}.{hint}",
    },
    "template.missing": {
        "zh-CN": "找不到模板“{template}”（在主题“{theme}”和站点的 templates/ 里都没有）。",
        "en": "the template \"{template}\" is in neither the theme \"{theme}\" nor the site's templates/.",
    },
    "template.syntax": {
        "zh-CN": "模板语法错误：{message}",
        "en": "template syntax error: {message}",
    },
    "template.render": {
        "zh-CN": "渲染模板时出错：{message}",
        "en": "error while rendering the template: {message}",
    },
    # --- the print edition --------------------------------------------------
    "print.unavailable": {
        "zh-CN": "没有生成打印版 PDF：WeasyPrint 无法运行（{reason}）。它需要系统的 Pango 库，"
        "在 Debian/Ubuntu 上可运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk 安装，"
        "然后重新构建。网页已照常生成。",
        "en": "no print edition PDFs: WeasyPrint cannot run ({reason}). It needs the system's Pango library: "
        "on Debian or Ubuntu, sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk, then build "
        "again. The web pages were made as usual.",
    },
    "check.site_code": {
        "zh-CN": "网站标识码“{code}”格式不对：应为 10 位数字（地方网站，如 1304000009），或 bm 加 8 位数字（部门网站）。",
        "en": "the site code \"{code}\" is malformed: 10 digits (a local site, e.g. 1304000009), or bm and 8 digits "
        "(a ministry's).",
    },
    "pdf.unavailable": {
        "zh-CN": "无法生成 PDF：WeasyPrint 无法运行（{reason}）。它需要系统的 Pango 库，在 Debian/Ubuntu 上可运行 "
        "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk 安装。",
        "en": "no PDF can be made: WeasyPrint cannot run ({reason}). It needs the system's Pango library: on "
        "Debian or Ubuntu, sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk.",
    },
    "pdf.none": {
        "zh-CN": "没有符合条件的期次（看看 --year 和 --issue 是否写对；草稿不计在内）。",
        "en": "no issue matches (check --year and --issue; drafts are left out).",
    },
    "print.missing_glyph": {
        "zh-CN": "打印版里的“{char}”（{code}）没有字体可以显示，PDF 中会印成空框。请换用常用字，"
        "或在生成打印版的电脑上安装含有这个字的字体。",
        "en": "no font of the print edition has \"{char}\" ({code}): the PDF shows an empty box there. "
        "Use a common character, or install a font that has it on the machine that builds.",
    },
    "print.failed": {
        "zh-CN": "无法生成这一期的打印版 PDF：{message}",
        "en": "the print edition PDF of this issue could not be made: {message}",
    },
    # --- output ----------------------------------------------------------
    "output.unsafe": {
        "zh-CN": "不能把输出目录设为 {path}：{reason}。构建会清空输出目录，请换一个目录（默认是站点下的 build/）。",
        "en": "{path} cannot be the output directory: {reason}. A build replaces the whole output "
        "directory; choose another one (the default is build/ in the site).",
    },
    "output.reason.not_folder": {"zh-CN": "它是一个已有的文件，不是文件夹", "en": "it is an existing file, not a folder"},
    "output.reason.site": {"zh-CN": "它是站点目录本身", "en": "it is the site directory itself"},
    "output.reason.contains": {
        "zh-CN": "它包含了 {what}",
        "en": "it contains {what}",
    },
    "output.reason.inside_content": {
        "zh-CN": "它在内容目录里面",
        "en": "it is inside the content directory",
    },
    "output.reason.home": {"zh-CN": "它是用户主目录", "en": "it is the home directory"},
    "output.busy": {
        "zh-CN": "另一次构建正在写 {path}（{holder}）；请等它结束后再构建。",
        "en": "another build is writing {path} ({holder}); build again once it has finished.",
    },
    "output.foreign": {
        "zh-CN": "输出目录 {path} 已存在，里面有文件，但不是 bulletin-gen 生成的，为免误删已停止。"
        "请确认后删除它，或用 --output 指定其他目录。",
        "en": "the output directory {path} exists, holds files, and was not made by bulletin-gen; "
        "stopping so as not to delete them. Remove it yourself or pass another --output.",
    },
    "output.write": {
        "zh-CN": "写入输出失败：{reason}。原来的输出没有改动。",
        "en": "writing the output failed: {reason}. The previous output is unchanged.",
    },
    "cache.unreadable": {
        "zh-CN": "构建缓存无法读取（{reason}），已弃用并重新建立；本次构建不受影响，只是慢一些。",
        "en": "the build cache cannot be read ({reason}); it was set aside and started afresh. "
        "This build is correct, only slower.",
    },
    "cache.other_version": {
        "zh-CN": "构建缓存由另一版本的 bulletin-gen 写入，已弃用；本次将完整构建。",
        "en": "the build cache was written by another version of bulletin-gen and is ignored; "
        "this build starts clean.",
    },
    # --- the command line --------------------------------------------
    "cli.built": {
        "zh-CN": "构建完成：{issues} 期，{pages} 个页面，写入 {files} 个文件，用时 {seconds:.2f} 秒 → {output}",
        "en": "built {issues} issues, {pages} pages, wrote {files} files in {seconds:.2f} s → {output}",
    },
    "cli.failed": {
        "zh-CN": "构建失败：{errors} 个错误，{warnings} 个警告。原来的输出没有改动。",
        "en": "build failed: {errors} errors, {warnings} warnings. The previous output is unchanged.",
    },
    "cli.failed_read": {
        "zh-CN": "有 {errors} 个错误、{warnings} 个警告，未能完成。请先改正上面的问题；没有写入任何文件。",
        "en": "stopped: {errors} errors, {warnings} warnings. Fix the problems above first; nothing was written.",
    },
    "cli.internal": {
        "zh-CN": "bulletin-gen 内部错误：{error}。这是程序的问题，不是您的内容的问题；请把这条消息报告给维护者（加 --debug 可看到详细信息）。",
        "en": "internal error in bulletin-gen: {error}. This is a bug, not a problem with your content; "
        "please report it (add --debug for details).",
    },
    "stats.csv_written": {"zh-CN": "已写入 {path}（可直接用 Excel 打开）。", "en": "wrote {path} (opens in Excel as is)."},
    "stats.csv_failed": {
        "zh-CN": "无法写入 {path}：{reason}。请检查目录是否存在、文件是否正在 Excel 中打开。",
        "en": "cannot write {path}: {reason}. Check that the folder exists and the file is not open in Excel.",
    },
    "new.taken": {
        "zh-CN": "{year}年第{number}期已经有了：{path}。没有新建文件；要新建其他期号，请用 --issue 指定。",
        "en": "issue {number} of {year} already exists: {path}. Nothing was created; "
        "pass --issue to choose another number.",
    },
    "new.exists": {
        "zh-CN": "文件 {path} 已经存在，没有改动它。请先检查这个文件，或用 --issue 指定其他期号。",
        "en": "{path} already exists and was left as it is. Look at it first, or pass --issue for another number.",
    },
    "new.created": {
        "zh-CN": "已新建第{number}期（{date}），标为草稿：用 bulletin serve 边写边预览，定稿后删去 draft: true 一行。",
        "en": "created issue {number} ({date}) as a draft: write it with bulletin serve open, "
        "and remove the draft: true line when it is final.",
    },
    "init.not_empty": {
        "zh-CN": "{path} 已经存在且不是空文件夹，没有写入任何文件。请指定一个新的或空的文件夹。",
        "en": "{path} exists and is not an empty folder; nothing was written. Name a new or empty folder.",
    },
    "init.created": {
        "zh-CN": "已在 {path} 新建站点。接下来：\n"
        "  1. 打开 {path}/site.yaml，填写简报名称、编印单位和网站地址；\n"
        "  2. 在 {path} 里运行 bulletin serve，在浏览器里预览；\n"
        "  3. 用 bulletin new 开始新的一期，完成后运行 bulletin build。",
        "en": "created a new site in {path}. Next:\n"
        "  1. open {path}/site.yaml and fill in the bulletin's name, issuer and address;\n"
        "  2. run bulletin serve in {path} and preview it in the browser;\n"
        "  3. start an issue with bulletin new, and run bulletin build when it is done.",
    },
    "check.done": {
        "zh-CN": "检查完成：{errors} 个错误，{warnings} 个警告，{infos} 条提示。",
        "en": "checked: {errors} errors, {warnings} warnings, {infos} notes.",
    },
    "check.gap": {
        "zh-CN": "{year}年的期号不连续：第{before}期之后是第{after}期，缺第{missing}期。",
        "en": "the numbering of {year} has a gap: issue {before} is followed by {after}; missing: {missing}.",
    },
    "check.date_backwards": {
        "zh-CN": "第{number}期的日期 {date} 早于前一期（第{before}期，{before_date}）。期号或日期是否写错了？",
        "en": "issue {number} is dated {date}, before the issue it follows (no. {before}, {before_date}). "
        "Is the number or the date wrong?",
    },
    "check.future": {
        "zh-CN": "日期 {date} 晚于今天（{today}）。如果还没到印发日期，请先标为草稿（draft: true）。",
        "en": "the date {date} is after today ({today}). If it is not out yet, mark it draft: true.",
    },
    "check.not_in_summary": {
        "zh-CN": "“{title}”没有列入内容摘要（summary）。",
        "en": "\"{title}\" is not in the summary.",
    },
    "check.mixed_widths": {
        "zh-CN": "这篇文章的标点全角、半角混用：这一行“{context}”里的“{mark}”是半角。请改成全角，"
                 "或在 site.yaml 里写 punctuation: full_width，由构建把中文里的半角标点统一为全角。",
        "en": "this article mixes full- and half-width punctuation: the \"{mark}\" in \"{context}\" on this line is "
              "half-width. Make it full-width, or set punctuation: full_width in site.yaml to have the build set "
              "half-width marks in Chinese text full-width.",
    },
    "check.image_no_alt": {
        "zh-CN": "图片“{name}”没有替代文字：看不见图片的读者（读屏软件）不知道它是什么。"
                 "请在 ![ ] 的方括号里写上图片内容，如 ![全县党员分布图]({name})。",
        "en": "the picture \"{name}\" has no alt text: a reader who cannot see it (a screen reader) is not told "
              "what it shows. Write what it shows in the brackets of ![ ], as in ![全县党员分布图]({name}).",
    },
    "check.image_large": {
        "zh-CN": "图片“{name}”有 {size} MB，手机流量下要加载很久。请把它缩小到宽 1600 像素以内、2 MB 以下"
                 "（如在画图里“重新调整大小”，或另存为 JPG）。现在宽 {width} 像素。",
        "en": "the picture \"{name}\" is {size} MB, slow to load on a phone. Make it at most 1600 pixels wide and "
              "under 2 MB (resize it in Paint, or save it as JPG). It is {width} pixels wide now.",
    },
    "check.unused_file": {
        "zh-CN": "content 文件夹里的“{name}”没有哪一期用到，不会发布。如果它应在某期里，请检查那一期链接的文件名。",
        "en": "\"{name}\" in the content folder is linked by no issue and is not published. If an issue should "
              "show it, check the file name that issue links.",
    },
    "check.no_site_code": {
        "zh-CN": "site.yaml 没有设置网站标识码（footer: 下的 site_code），每个页面的 SiteIDCode 标签因此是空的，"
                 "政府网站检查会查这一项。请填上 10 位数字（或 bm 加 8 位数字）的网站标识码。",
        "en": "site.yaml sets no 网站标识码 (site_code under footer:), so every page's SiteIDCode tag is empty, which "
              "government-site inspections look for. Set it: ten digits, or bm and eight digits.",
    },
    "check.no_credit": {
        "zh-CN": "“{title}”没有注明供稿单位，本期也没有设置默认供稿单位（contributing）。"
        "请在文末加上“（×× 供稿）”。",
        "en": "\"{title}\" has no credit and the issue sets no contributing default. "
        "End it with \"（×× 供稿）\".",
    },
    "check.empty_article": {
        "zh-CN": "“{title}”只有标题，没有正文。",
        "en": "\"{title}\" has a title but no text.",
    },
    "check.duplicate_title": {
        "zh-CN": "本期已有同样标题的文章“{title}”（第 {first} 行）。",
        "en": "the title \"{title}\" is used twice in this issue (first on line {first}).",
    },
    "check.mixed_punctuation": {
        "zh-CN": "供稿行“{text}”里全角和半角标点混用，建议统一用全角，如“（组织一科 供稿）”。",
        "en": "the credit \"{text}\" mixes full- and half-width punctuation; prefer full-width, "
        "e.g. （组织一科 供稿）.",
    },
    "check.broken_link": {
        "zh-CN": "链接 {href} 指向的页面不存在。",
        "en": "the link {href} points to no page of the site.",
    },
    "check.unsafe_link": {
        "zh-CN": "链接或图片地址“{url}”不是 http、https、mailto、tel 或站内地址，页面上已去掉这个地址，只留文字；"
                 "如确需链接，请写成 https:// 开头的完整网址。",
        "en": "the link or image address \"{url}\" is not http, https, mailto, tel or within the site, so the page "
              "shows its text without the address; to link it, write a full address starting with https://.",
    },
    "check.broken_anchor": {
        "zh-CN": "链接 {href} 指向的页面里没有“#{anchor}”这个位置。",
        "en": "the link {href} points to \"#{anchor}\", which is not on that page.",
    },
    "progress.parse": {"zh-CN": "读取期次", "en": "reading issues"},
    "progress.render": {"zh-CN": "生成页面", "en": "rendering pages"},
    "cli.interrupted": {"zh-CN": "已中断。", "en": "interrupted."},
    # --- bulletin publish -----------------------------------------------
    "publish.no_target": {
        "zh-CN": "没有指定发布目标：请在 site.yaml 中写 publish: /srv/www/zgxx（或 user@服务器:/路径），"
        "或加 --target。",
        "en": "no publish target: set publish: /srv/www/zgxx (or user@server:/path) in site.yaml, or pass --target.",
    },
    "publish.no_build": {
        "zh-CN": "{path} 里没有构建好的网站。请先运行 bulletin build。",
        "en": "{path} holds no built site. Run bulletin build first.",
    },
    "publish.unfinished_build": {
        "zh-CN": "{path} 里的构建没有完成（上次构建中途停止了）。请先运行 bulletin build。",
        "en": "the build in {path} is unfinished (the last build stopped part-way). Run bulletin build first.",
    },
    "publish.touched_build": {
        "zh-CN": "{path} 里有 {count} 个文件在构建之后被改动或删除（例如 {example}），没有发布；"
                 "请先运行 bulletin build，它会把这些文件恢复成构建的样子。",
        "en": "{count} files in {path} were changed or deleted after the build (e.g. {example}), so nothing "
              "was published; run bulletin build first, which puts them back as built.",
    },
    "publish.stale_build": {
        "zh-CN": "{path} 不是当前内容的构建结果：上次构建后内容、设置或模板有改动，或者上次构建失败，"
        "或者用了 --drafts、--base-url。请先运行 bulletin build（改正它报告的错误），再发布。",
        "en": "{path} is not the build of the content as it is now: the content, settings or theme changed "
        "since, the last build failed, or it was built with --drafts or --base-url. Run bulletin build "
        "(and fix what it reports), then publish.",
    },
    "publish.locked": {
        "zh-CN": "{target} 正在由另一次发布使用（{holder}）。请等它结束后再试；如果那次发布已经中断，锁会自动释放。",
        "en": "another publish is using {target} ({holder}). Try again when it ends; "
        "if it was cut short, its lock has been released already and a retry will work.",
    },
    "publish.target_unwritable": {
        "zh-CN": "无法写入发布目标 {target}：{reason}。线上网站没有改动；请检查路径、权限和磁盘空间。",
        "en": "cannot write to the publish target {target}: {reason}. The live site is unchanged; check the path, "
              "its permissions and free space.",
    },
    "publish.target_not_folder": {
        "zh-CN": "发布目标 {target} 是一个文件，不是文件夹；请在 site.yaml 的 publish 或 --target 里写网站目录的路径。",
        "en": "the publish target {target} is a file, not a folder; give the web root's folder in site.yaml's "
              "publish or in --target.",
    },
    "publish.releases_not_folder": {
        "zh-CN": "发布目标 {target} 里的 {path} 是一个文件，而发布需要这个名字的文件夹来存放各个版本；"
                 "请确认这个目标选对了，或把那个文件移走。",
        "en": "{path} in the publish target {target} is a file, where publishing keeps its releases in a folder "
              "of that name; check that this is the right target, or move that file away.",
    },
    "publish.no_symlinks": {
        "zh-CN": "无法在 {target} 建立 current 链接（{reason}）。这个位置不支持符号链接（常见于 Windows 共享盘）；"
        "请改用 rsync 目标（见 docs/deploy.md），或在服务器上发布。",
        "en": "cannot make the current link in {target} ({reason}): this place has no symbolic links "
        "(common on Windows shares). Publish to an rsync target instead (see docs/deploy.md), or on the server.",
    },
    "publish.current_not_link": {
        "zh-CN": "{target}/current 是一个普通文件夹，不是 bulletin-gen 的发布链接；为免覆盖已有网站，已停止。"
        "请把它改名或移走后再发布。",
        "en": "{target}/current is a plain folder, not bulletin-gen's release link; stopping so as not to "
        "replace that site. Rename or move it, then publish.",
    },
    "publish.ssh_failed": {
        "zh-CN": "无法通过 ssh 连接 {target}：{reason}",
        "en": "cannot reach {target} over ssh: {reason}",
    },
    "publish.remote_failed": {
        "zh-CN": "服务器 {target} 上的命令失败：{reason}",
        "en": "a command on {target} failed: {reason}",
    },
    "publish.no_rsync": {
        "zh-CN": "没有找到 rsync 命令，无法发布到 {target}。请安装 rsync（Windows 上请在 WSL 里运行，见 docs/deploy.md）。",
        "en": "rsync is not installed, so {target} cannot be published to. Install rsync "
        "(on Windows, run from WSL: see docs/deploy.md).",
    },
    "publish.rsync_failed": {
        "zh-CN": "rsync 上传到 {target} 失败：{reason}。线上网站没有改动。",
        "en": "rsync to {target} failed: {reason}. The live site is unchanged.",
    },
    "publish.no_such_release": {
        "zh-CN": "{target} 上没有版本 {name}。现有版本：{known}",
        "en": "{target} has no release {name}. Releases there: {known}",
    },
    "publish.nothing_earlier": {
        "zh-CN": "{target} 上没有比当前在线版本更早的版本，无法回退。",
        "en": "{target} has no release older than the live one to roll back to.",
    },
    "publish.failed": {
        "zh-CN": "没有发布：{errors} 个错误，{warnings} 个警告。线上网站没有改动。",
        "en": "not published: {errors} errors, {warnings} warnings. The live site is unchanged.",
    },
    "publish.done": {
        "zh-CN": "已发布 {name} 到 {target}：{issues} 期，{files} 个文件（新传 {copied} 个，"
        "与上一版相同而共用 {linked} 个），传输 {sent} 字节。现在在线的是 {name}。",
        "en": "published {name} to {target}: {issues} issues, {files} files ({copied} sent, {linked} shared "
        "with the previous release), {sent} bytes transferred. {name} is live now.",
    },
    "publish.undo_hint": {
        "zh-CN": "如需撤回，运行 bulletin publish --rollback（回到 {previous}）。",
        "en": "To undo: bulletin publish --rollback (back to {previous}).",
    },
    "publish.pruned": {
        "zh-CN": "按 keep 设置删除了旧版本：{names}",
        "en": "removed old releases beyond keep: {names}",
    },
    "publish.unchanged": {
        "zh-CN": "线上的 {name} 已经是这次的构建，无需发布。",
        "en": "the live release {name} already holds this build; nothing to publish.",
    },
    "publish.rolled_back": {
        "zh-CN": "已回退：现在在线的是 {now}（原来是 {was}）。",
        "en": "rolled back: {now} is live now (was {was}).",
    },
    "publish.dry_first": {
        "zh-CN": "（试运行）{target} 上还没有发布过；将上传全部 {files} 个文件。",
        "en": "(dry run) nothing is published on {target} yet; all {files} files would go up.",
    },
    "publish.dry_summary": {
        "zh-CN": "（试运行）相比线上的 {live}：新增 {new} 个，修改 {changed} 个，删除 {removed} 个文件。没有改动任何东西。",
        "en": "(dry run) against the live {live}: {new} new, {changed} changed, {removed} removed. "
        "Nothing was changed.",
    },
    "publish.dry_none": {
        "zh-CN": "（试运行）与线上的 {live} 完全相同，没有需要发布的改动。",
        "en": "(dry run) identical to the live {live}: nothing to publish.",
    },
    "publish.list_empty": {
        "zh-CN": "{target} 上还没有发布过任何版本。",
        "en": "nothing has been published to {target} yet.",
    },
    "publish.list_header": {
        "zh-CN": "版本\t发布时间\t期数\t最新一期\t文件数\t在线",
        "en": "release\tpublished\tissues\tnewest issue\tfiles\tlive",
    },
    "publish.list_newest": {"zh-CN": "第{number}期（{date}）", "en": "No. {number} ({date})"},
    "publish.list_live": {"zh-CN": "← 在线", "en": "← live"},
    "publish.list_incomplete": {"zh-CN": "不完整，不能回滚到它", "en": "incomplete: cannot be rolled back to"},
    "publish.release_incomplete": {
        "zh-CN": "{target} 上的版本 {name} 不完整（{count} 个文件缺失或大小不对，例如 {example}），不能回滚到它；"
                 "线上网站没有改动。请用 --list 查看其他版本，或重新构建后发布。",
        "en": "release {name} on {target} is incomplete ({count} files missing or of the wrong size, e.g. {example}), "
              "so it cannot be rolled back to; the live site is unchanged. See --list for other releases, "
              "or build and publish again.",
    },
    "publish.upload_incomplete": {
        "zh-CN": "上传到 {target} 的新版本 {name} 不完整（{count} 个文件缺失或大小不对，例如 {example}），没有上线；"
                 "线上网站没有改动。请检查目标的磁盘空间后重新发布。",
        "en": "the new release {name} uploaded to {target} is incomplete ({count} files missing or of the wrong "
              "size, e.g. {example}) and was not made live; the live site is unchanged. Check the target's "
              "free space and publish again.",
    },
    "publish.list_unfinished": {
        "zh-CN": "另有 {count} 个未完成的上传或删除（中断的发布留下的），下次发布时会清除。",
        "en": "{count} unfinished uploads or deletions (left by a publish cut short) will be cleared by the "
              "next publish.",
    },
    # --- the live preview (bulletin serve) -----------------------------
    "serve.serving": {
        "zh-CN": "预览地址：{url}  保存文件后浏览器会自动刷新。按 Ctrl-C 停止。",
        "en": "previewing at {url}; the browser refreshes whenever you save. Press Ctrl-C to stop.",
    },
    "serve.bad_message": {
        "zh-CN": "预览：浏览器发来一条看不懂的消息，已忽略。",
        "en": "preview: a browser sent a message that could not be read; it was ignored.",
    },
    "serve.exposed": {
        "zh-CN": "注意：预览在 {host} 上监听，同一网络中的其他计算机也能看到它，包括草稿。"
        "只在本机预览时请去掉 --host。",
        "en": "note: the preview listens on {host}, so other computers on the network can see it, "
        "drafts included. Leave out --host to keep it on this computer.",
    },
    "serve.cannot_listen": {
        "zh-CN": "无法在 {host}:{port} 上启动预览：{reason}。端口可能已被占用，请用 --port 换一个，如 --port 8001。",
        "en": "cannot start the preview on {host}:{port}: {reason}. The port may be in use; "
        "choose another with --port, e.g. --port 8001.",
    },
    "serve.built": {
        "zh-CN": "[{time}] 已更新：{files} 个文件有变化，用时 {ms} 毫秒",
        "en": "[{time}] updated: {files} files changed in {ms} ms",
    },
    "serve.failed": {
        "zh-CN": "构建失败：{errors} 个错误，{warnings} 个警告。预览仍显示上一次成功构建的页面，改正后会自动更新。",
        "en": "build failed: {errors} errors, {warnings} warnings. The preview still shows the last good "
        "pages and updates by itself once this is fixed.",
    },
    "serve.overlay_title": {
        "zh-CN": "构建失败：下面的问题改正并保存后，页面会自动更新",
        "en": "The build failed: fix the problems below and save; the page updates by itself",
    },
    "serve.stopped": {"zh-CN": "预览已停止。", "en": "preview stopped."},
    # --- expected types, used inside other messages ----------------------
    "type.positive_int": {"zh-CN": "正整数（如 40）", "en": "a whole number above 0 (e.g. 40)"},
    "type.text": {"zh-CN": "一段文字", "en": "text"},
    "type.links": {"zh-CN": "“文字: 网址”的列表，如 12380举报网站: https://www.12380.gov.cn/",
                   "en": "a list of \"text: address\", as in 12380举报网站: https://www.12380.gov.cn/"},
    "type.site_code": {"zh-CN": "网站标识码：10 位数字，或 bm 加 8 位数字", "en": "a 网站标识码: ten digits, or bm and eight digits"},
    "type.conac_id": {"zh-CN": "开办单位标识脚本的地址（https://dcs.conac.cn/js/… 开头），或其中 /js/ 之后的部分",
                      "en": "the address of the 党政机关 badge's script (starting https://dcs.conac.cn/js/), or its part after /js/"},
    "type.clock_time": {"zh-CN": "一天中的时刻，写成 09:00 这样（请加引号）", "en": "a time of day written like 09:00 (in quotes)"},
    "type.timezone": {"zh-CN": "与 UTC 的时差，写成 +08:00 这样（小时 -12 到 +14，分钟 00 到 59）",
                      "en": "an offset from UTC written like +08:00 (hours -12 to +14, minutes 00 to 59)"},
    "type.relative_dir": {"zh-CN": "站点文件夹里的相对路径，如 build（不能是 / 开头的绝对路径，也不能用 .. 跳出站点文件夹）",
                          "en": "a path inside the site's folder, such as build (not an absolute path starting with /, "
                                "and no .. out of the site's folder)"},
    "type.bool": {"zh-CN": "true 或 false", "en": "true or false"},
    "type.list": {"zh-CN": "一个列表（每项一行，以“- ”开头）", "en": "a list (one item a line, each starting with \"- \")"},
    "type.mapping": {"zh-CN": "一组“键: 值”", "en": "a set of \"key: value\" lines"},
    "type.aliases": {
        "zh-CN": "一组“科室: [其他写法, …]”，如 人才工作科: [人才科, 人才办]",
        "en": "a set of \"section: [other spellings, …]\" lines, e.g. 人才工作科: [人才科, 人才办]",
    },
    "type.publish": {
        "zh-CN": "发布目标：一个文件夹（如 /srv/www/zgxx 或 Z:\\zgxx）、user@服务器:/路径，"
        "或包含 target、keep（保留几个版本）、ssh（ssh 命令及参数）的一组“键: 值”",
        "en": "where to publish: a folder (e.g. /srv/www/zgxx or Z:\\zgxx), user@server:/path, "
        "or a set of target, keep (releases to keep) and ssh (the ssh command with its options)",
    },
    "type.print_edition": {
        "zh-CN": "true（生成打印版 PDF）、false，或包含 report_to（报）、send_to（送）、distribute_to（发）、"
        "printed_by（印发单位）、copies（共印份数）、mark（如“内部资料 注意保存”）的一组“键: 值”",
        "en": "true (make the print edition's PDFs), false, or a set of report_to (报), send_to (送), "
        "distribute_to (发), printed_by, copies and mark (e.g. 内部资料 注意保存)",
    },
    "type.url": {"zh-CN": "以 http:// 或 https:// 开头的网址", "en": "a URL starting with http:// or https://"},
    "field.issue": {"zh-CN": "期号，如 40", "en": "the issue number, e.g. 40"},
    "field.date": {"zh-CN": "印发日期，如 2015-12-23", "en": "the date of issue, e.g. 2015-12-23"},
    "field.name": {"zh-CN": "简报名称，如 组工信息", "en": "the bulletin's name"},
    "field.issuer": {"zh-CN": "编印单位，如 中共××市委组织部", "en": "the issuing office"},
    # --- bulletin import ----------------------------------------------------
    "import.where": {"zh-CN": "第{number}段：", "en": "paragraph {number}: "},
    "import.unreadable": {"zh-CN": "无法读取这个文件（{error}）。", "en": "the file cannot be read ({error})."},
    "import.encrypted": {
        "zh-CN": "这个文档设了打开密码，无法导入。请在 Word 或 WPS 里去掉密码（文件 → 信息 → 保护文档）后另存，再导入。",
        "en": "the document is password-protected and cannot be imported. Remove the password in Word or WPS "
              "(File → Info → Protect Document), save it, and import it again.",
    },
    "import.doc_format": {
        "zh-CN": "这是旧版 Word 97-2003 格式（.doc）。请在 Word 或 WPS 里“另存为”Word 文档（.docx）后再导入"
                 "（装有 LibreOffice 时会自动转换）。",
        "en": "this is the old Word 97-2003 format (.doc). Save it as a Word document (.docx) in Word or WPS and "
              "import that (with LibreOffice installed it is converted by itself).",
    },
    "import.converted": {"zh-CN": "旧版 .doc 文件已用 LibreOffice 转换后导入，请仔细核对版式。",
                         "en": "the old .doc file was converted by LibreOffice before importing; check it closely."},
    "import.not_a_document": {"zh-CN": "这不是 Word 文档（.docx）。", "en": "this is not a Word document (.docx)."},
    "import.corrupt": {"zh-CN": "文档已损坏，无法读取。请在 Word 或 WPS 里打开后另存一份再导入。",
                       "en": "the document is damaged and cannot be read. Open it in Word or WPS, save a copy, "
                             "and import that."},
    "import.too_large": {"zh-CN": "文档解压后有 {megabytes} MB 或内容过多，远超一期简报，已拒绝（可能是恶意文件）。",
                         "en": "the document unpacks to {megabytes} MB or too many parts, far beyond any bulletin; "
                               "it is refused (it may be malicious)."},
    "import.no_title": {"zh-CN": "没有找到标题（居中的大字或粗体短行），已用文件名“{title}”作标题，请修改。",
                        "en": "no title was found (a short centred line in large or bold type); the file's name "
                              "\"{title}\" is used, change it."},
    "import.tracked": {"zh-CN": "有修订记录：已按接受全部修订后的文字导入，删除的文字未导入。",
                       "en": "it has tracked changes: the text is imported as if all were accepted; deleted text "
                             "is left out."},
    "import.comment": {"zh-CN": "有批注：批注已去掉，没有混入正文。", "en": "it has comments: they are left out, not mixed into the text."},
    "import.field": {"zh-CN": "有域代码（如页码、自动编号、目录）：只导入了显示出来的文字。",
                     "en": "it has a field (a page number, an automatic number, a table of contents): only the "
                           "text it shows is imported."},
    "import.footnote": {"zh-CN": "有脚注或尾注：文中标为（注N），注文作为一段放在这一段之后。",
                        "en": "it has a footnote or endnote: marked (注N) in the text, its text a paragraph after this one."},
    "import.object": {"zh-CN": "有嵌入对象（如 Excel 表格、公式）：无法导入，请另存为图片或把内容抄进正文。",
                      "en": "it has an embedded object (an Excel sheet, an equation): it cannot be imported; save it "
                            "as a picture or copy its content into the text."},
    "import.text_box": {"zh-CN": "有文本框：其中的文字已作为单独的段落放在这一段之后，请核对位置。",
                        "en": "it has a text box: its text is put after this paragraph as paragraphs of its own; "
                              "check where it belongs."},
    "import.floating": {"zh-CN": "有浮动（非嵌入型）图片：已放在这一段的位置，请核对。",
                        "en": "it has a floating picture: it is put at this paragraph's place; check it."},
    "import.not_a_draft": {
        "zh-CN": "“{path}”不是草稿（没有 draft: true），或不是能读的期次文件：导入的文章只会加进草稿，已发布的期次不会被改动。",
        "en": "\"{path}\" is no draft (it has no draft: true), or no readable issue file: imported articles are only "
              "added to a draft, never to a published issue.",
    },
    "import.not_in_content": {
        "zh-CN": "“{path}”不在本站的 content 文件夹里：--into 只能加进本站的草稿。",
        "en": "\"{path}\" is not in this site's content folder: --into adds only to this site's drafts.",
    },
    "import.appended": {"zh-CN": "已把 {articles} 篇文章加到草稿末尾，图片 {pictures} 张。",
                        "en": "added {articles} articles to the end of the draft, with {pictures} pictures."},
    "import.would_copy": {"zh-CN": "将写入图片 {path}（{size} 字节）", "en": "would write the picture {path} ({size} bytes)"},
    "import.created": {"zh-CN": "已导入为第{number}期（{date}）的草稿，图片 {pictures} 张。核对后删去 draft: true 一行即可发布。",
                       "en": "imported as a draft of issue {number} ({date}), with {pictures} pictures. Check it, then "
                             "delete its draft: true line to publish it."},
    "hint.did_you_mean": {"zh-CN": "是不是想写“{guess}”？", "en": " Did you mean \"{guess}\"?"},
}

def message(key: str, language: str, /, **params: object) -> str:
    table = MESSAGES[key]
    text = table.get(language) or table[DEFAULT_LANGUAGE]
    return text.format(**params)

