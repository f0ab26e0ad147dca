"""Pages of a long list: which numbers GOV.UK's pagination shows, and links that keep the filter."""

from django.core.paginator import Paginator
from django.http import QueryDict

from joinedup.ui.pagination import page_numbers, pagination_params


def test_a_short_list_shows_every_page():
    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 3) == [1, 2, 3]


def test_a_long_list_shows_first_last_and_neighbours_with_ellipses():
    assert page_numbers(1, 25) == [1, 2, None, 25]
    assert page_numbers(5, 25) == [1, None, 4, 5, 6, None, 25]
    assert page_numbers(25, 25) == [1, None, 24, 25]
    assert page_numbers(3, 25) == [1, 2, 3, 4, None, 25]  # no ellipsis for a gap of none


def test_links_keep_other_parameters_and_mark_the_current_page():
    page = Paginator(range(120), 50).get_page(2)
    params = pagination_params(page, QueryDict("show=unowned&page=2"), label="Pages of duties")
    assert params["landmarkLabel"] == "Pages of duties"
    assert params["previous"]["href"] == "?show=unowned&page=1"
    assert params["next"]["href"] == "?show=unowned&page=3"
    assert [(i["number"], i["current"]) for i in params["items"]] == [(1, False), (2, True), (3, False)]


def test_the_first_page_has_no_previous_and_the_last_no_next():
    first = pagination_params(Paginator(range(120), 50).get_page(1), QueryDict(), label="x")
    last = pagination_params(Paginator(range(120), 50).get_page(3), QueryDict(), label="x")
    assert "previous" not in first
    assert first["next"]["href"] == "?page=2"
    assert "next" not in last
    assert last["previous"]["href"] == "?page=2"
