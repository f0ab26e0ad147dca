"""The page header is drawn once for each navigation and kept, and stays right for every page."""

import html
import re

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

from joinedup.ui.layout import page_header

MY_CHILDREN, SEARCH = reverse("people:my-children"), reverse("people:child-search")


def _env():
    return engines.all()[0].env


def _nav(active_href=""):
    return [
        {"text": "My children", "href": MY_CHILDREN, "active": active_href == MY_CHILDREN},
        {"text": "Find a child", "href": SEARCH, "active": active_href == SEARCH},
    ]


def _current(header):
    """The text of the navigation item marked as the one the page is in (GOV.UK's "active" item)."""
    item = header.split('aria-current="true"', 1)[1]
    return html.unescape(item.split('active-fallback">', 1)[1].split("<", 1)[0]).strip()


def test_the_header_is_kept_for_the_same_navigation_and_drawn_anew_for_another():
    first = page_header(_env(), _nav(MY_CHILDREN))
    assert page_header(_env(), _nav(MY_CHILDREN)) is first
    other = page_header(_env(), _nav(SEARCH))
    assert other is not first
    assert _current(first) == "My children"
    assert _current(other) == "Find a child"


def test_while_templates_reload_debugging_the_header_is_drawn_each_time():
    env = _env()
    was, env.auto_reload = env.auto_reload, True
    try:
        first = page_header(env, _nav(MY_CHILDREN))
        again = page_header(env, _nav(MY_CHILDREN))
    finally:
        env.auto_reload = was
    assert again is not first
    assert again == first


def test_the_header_escapes_what_the_navigation_says():
    header = page_header(_env(), [{"text": "Inbox <b>(2)</b>", "href": "/x?a=1&b=2", "active": False}])
    assert "<b>" not in header
    assert "Inbox &lt;b&gt;(2)&lt;/b&gt;" in header
    assert 'href="/x?a=1&amp;b=2"' in header


def test_a_header_without_navigation_has_the_service_name_and_phase_banner_only():
    header = page_header(_env(), [])
    assert header.count("<header") == 1
    assert "joinedup" in header
    assert "Alpha" in header
    assert "govuk-service-navigation" not in header


def test_the_header_under_another_script_prefix_is_drawn_anew():
    at_root = page_header(_env(), [])
    set_script_prefix("/joinedup/")
    try:
        assert page_header(_env(), []) is not at_root
        assert 'href="/joinedup/"' in page_header(_env(), [])
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
def test_each_page_marks_its_own_item_as_current(client, world):
    client.force_login(world.key_worker.user)
    assert _current(client.get(MY_CHILDREN).content.decode()) == "My children"
    assert _current(client.get(reverse("duties:due-this-week")).content.decode()) == "Due this week"
    assert _current(client.get(MY_CHILDREN).content.decode()) == "My children"


@pytest.mark.django_db
def test_the_search_page_is_in_find_a_child_only(client, world):
    client.force_login(world.key_worker.user)
    page = client.get(SEARCH).content.decode()
    assert page.count('aria-current="true"') == 1
    assert _current(page) == "Find a child"
    child_page = client.get(reverse("people:child-detail", args=[world.child.pk])).content.decode()
    assert _current(child_page) == "My children"  # a child's page is reached from My children


# Our layout as GOV.UK Frontend's page template draws it, with our blocks in place: ui/base.html is
# this written out (issue 6), and must draw the same page.
GOVUK_TEMPLATE_WITH_OUR_BLOCKS = """{% extends "govuk_frontend_jinja/template.html" %}
{% from "govuk_frontend_jinja/components/notification-banner/macro.html" import govukNotificationBanner %}
{% set cspNonce = csp_nonce | string %}
{% set assetPath = static("govuk/assets") %}
{% block pageTitle %}{% block title %}{% endblock %} \u2013 joinedup{% endblock %}
{% block head %}<link rel="stylesheet" href="{{ static('app/app.css') }}">{% endblock %}
{% block header %}{{ page_header(navigation or []) }}{% endblock %}
{% block beforeContent %}{% block backLink %}{% endblock %}{% endblock %}
{% block content %}
  {% for message in get_messages(request) %}
    {{ govukNotificationBanner({"type": "success" if message.level_tag == "success" else None,
                                "text": message.message}) }}
  {% endfor %}
  {% block page %}{% endblock %}
{% endblock %}
{% block govukFooter %}{% include "ui/_footer.html" %}{% endblock %}
{% block bodyEnd %}
  <script type="module" nonce="{{ csp_nonce }}">import { initAll } from "{{
    static('govuk/govuk-frontend.min.js') }}"; initAll()</script>
{% endblock %}"""

PAGE = """{% extends layout %}
{% block title %}Tom's plans{% endblock %}
{% block backLink %}<a href="/children/" class="govuk-back-link">Back</a>{% endblock %}
{% block page %}<h1 class="govuk-heading-l">Tom's plans</h1>{% endblock %}"""


def _tidy(page):
    """The page with runs of whitespace as one space and none between tags: the layout is written
    out with its own indentation, which the browser ignores."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", page)).strip()


@pytest.mark.parametrize("with_message", [False, True], ids=["no message", "a message"])
@pytest.mark.parametrize("active", ["", MY_CHILDREN], ids=["signed out", "in My children"])
def test_the_layout_draws_the_page_as_govuk_frontends_template_does(rf, with_message, active):
    from django.contrib.messages import success
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    env = _env()
    page = env.from_string(PAGE)

    def draw(layout):
        request = rf.get(MY_CHILDREN)
        request.session = SessionStore()
        request._messages = FallbackStorage(request)
        if with_message:
            success(request, "Visit recorded <for Tom>")
        navigation = _nav(active) if active else []
        return page.render(request=request, csp_nonce="n0nce", navigation=navigation, layout=layout)

    ours = draw(env.get_template("ui/base.html"))
    assert _tidy(ours) == _tidy(draw(env.from_string(GOVUK_TEMPLATE_WITH_OUR_BLOCKS)))
    assert ("Visit recorded &lt;for Tom&gt;" in ours) is with_message
    assert ours.count('nonce="n0nce"') == 2
