import pytest

from bulletin_gen.text.credits import find_at_end


@pytest.mark.parametrize("line, name, form", [
    ("（组织一科 供稿）", "组织一科", "section"),
    ("(组织一科 供稿)", "组织一科", "section"),
    ("（组织一科供稿）", "组织一科", "section"),
    ("（ 组织一科　供稿 ）", "组织一科", "section"),  # ideographic space, stray spaces
    ("(供稿单位:天元区委组织部)", "天元区委组织部", "unit"),
    ("（供稿单位：天元区委组织部）", "天元区委组织部", "unit"),
    ("（供稿单位： 天元区委组织部 ）", "天元区委组织部", "unit"),
    ("(供稿单位：天元区委组织部）", "天元区委组织部", "unit"),  # mixed widths
    ("（供稿：研究室）", "研究室", "unit"),
])
def test_both_credit_forms_in_any_width(line, name, form):
    found = find_at_end(line)
    assert found is not None
    assert (found.name, found.form, found.rest) == (name, form, "")


def test_credit_at_the_end_of_the_last_paragraph_is_split_off():
    found = find_at_end("实现新区经济社会持续健康发展。 (供稿单位:天元区委组织部)")
    assert found.name == "天元区委组织部"
    assert found.rest == "实现新区经济社会持续健康发展。"


def test_a_credit_with_no_name_is_found_with_an_empty_name():
    assert find_at_end("（供稿）").name == ""
    assert find_at_end("（供稿单位：）").name == ""


@pytest.mark.parametrize("line", [
    "全市社区（含2个涉农社区）共67个。",
    "（一）加强队伍建设",
    "供稿单位：组织一科",  # no brackets: not the credit form
    "（组织一科 供稿）之后还有文字",
])
def test_ordinary_text_is_not_a_credit(line):
    assert find_at_end(line) is None
