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
    ("（供稿：研究室）", "研究室", "contributed"),
    ("【供稿：办公室】", "办公室", "contributed"),
    ("〔供稿单位：研究室〕", "研究室", "unit"),
    ("供稿单位：研究室", "研究室", "unit"),  # on a line of its own, without brackets
    ("  供稿：办公室", "办公室", "contributed"),
    ("（【组织一科】供稿）", "【组织一科】", "section"),
])
def test_every_credit_form_in_any_width(line, name, form):
    found = find_at_end(line)
    assert found is not None
    assert (found.name, found.form, found.rest, found.person) == (name, form, "", "")


@pytest.mark.parametrize("line, unit, person, form", [
    ("（供稿人：张三）", "", "张三", "person"),
    ("供稿人：张三", "", "张三", "person"),
    ("（组织一科 王明 供稿）", "组织一科", "王明", "section"),
    ("（供稿单位：干部一科 李华）", "干部一科", "李华", "unit"),
    ("（天元区委 组织部 供稿）", "天元区委 组织部", "", "section"),  # 组织部 is a unit, not a person
])
def test_a_person_is_told_from_the_unit(line, unit, person, form):
    found = find_at_end(line)
    assert (found.name, found.person, found.form, found.unsure) == (unit, person, form, False)


def test_a_lone_name_that_may_be_a_person_is_flagged_unsure():
    assert find_at_end("（张三 供稿）").unsure
    assert not find_at_end("（研究室 供稿）").unsure


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
    "本文供稿单位：组织一科",  # the bare form must be the whole line
    "他负责供稿：每周一篇。（一）",
    "（组织一科 供稿）之后还有文字",
])
def test_ordinary_text_is_not_a_credit(line):
    assert find_at_end(line) is None
