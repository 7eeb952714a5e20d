import pytest

from bulletin_gen.model.pagination import page_window, paginate


def test_every_item_on_exactly_one_page_in_order():
    items = list(range(47))
    pages = paginate(items, 20)
    assert [p.number for p in pages] == [1, 2, 3]
    assert [len(p.items) for p in pages] == [20, 20, 7]
    assert [x for p in pages for x in p.items] == items
    assert all(p.total == 3 for p in pages)
    assert not pages[0].has_prev and pages[0].has_next
    assert pages[2].has_prev and not pages[2].has_next


def test_an_empty_archive_still_has_its_first_page():
    pages = paginate([], 20)
    assert len(pages) == 1 and pages[0].items == () and pages[0].total == 1


def test_exact_multiple_has_no_empty_trailing_page():
    assert len(paginate(list(range(40)), 20)) == 2


def test_per_page_must_be_positive():
    with pytest.raises(ValueError):
        paginate([1], 0)


@pytest.mark.parametrize("current, total, window", [
    (1, 1, (1,)),
    (1, 3, (1, 2, 3)),
    (6, 12, (1, None, 4, 5, 6, 7, 8, None, 12)),
    (1, 12, (1, 2, 3, None, 12)),
    (12, 12, (1, None, 10, 11, 12)),
    (4, 12, (1, 2, 3, 4, 5, 6, None, 12)),  # a one-page gap shows the page, not "…"
])
def test_page_window(current, total, window):
    assert page_window(current, total) == window
