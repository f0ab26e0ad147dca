"""Templates' url(): reversed once per name, arguments and script prefix, and still right."""

import uuid

from django.urls import reverse, set_script_prefix

from joinedup.ui.jinja import url


def test_url_gives_what_reverse_gives_for_each_child():
    first, second = uuid.uuid4(), uuid.uuid4()
    assert url("people:child-detail", first) == reverse("people:child-detail", args=[first])
    assert url("people:child-detail", second) == reverse("people:child-detail", args=[second])
    assert url("people:child-detail", first) != url("people:child-detail", second)
    assert url("people:my-children") == reverse("people:my-children")


def test_url_under_another_script_prefix_is_not_taken_from_the_cache():
    child = uuid.uuid4()
    at_root = url("people:child-detail", child)
    set_script_prefix("/joinedup/")
    try:
        assert url("people:child-detail", child) == "/joinedup" + at_root
    finally:
        set_script_prefix("/")
