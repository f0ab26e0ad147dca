"""The Jinja environment keeps each template's globals as one plain dict (issue 6)."""

from django.template import engines


def test_a_template_sees_the_environments_globals_and_its_own_over_them():
    env = engines.all()[0].env
    plain = env.from_string("{{ tag('Overdue', 'red') }}")
    assert type(plain.globals) is dict  # not a ChainMap over the environment's
    assert plain.globals["tag"] is env.globals["tag"]
    assert plain.render() == '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
    own = env.from_string("{{ tag }}", globals={"tag": "its own"})
    assert own.render() == "its own"
    assert env.globals["tag"] is plain.globals["tag"]  # the environment's are not changed by a template's


def test_a_macro_imported_from_a_template_sees_the_same_globals():
    env = engines.all()[0].env
    page = env.from_string(
        '{% from "ui/components.html" import summary %}{{ summary([{"key": {"text": "K"}, "value": {"text": "V"}}]) }}'
    )
    assert '<dt class="govuk-summary-list__key">' in page.render()


def test_govuk_date_writes_dates_and_london_times_as_gov_uk_does():
    import datetime as dt

    from joinedup.ui.jinja import govuk_date

    assert govuk_date(dt.date(2026, 3, 3)) == "3 March 2026"
    assert govuk_date(dt.date(2026, 3, 3)) == "3 March 2026"  # again: from the kept dates, the same
    assert govuk_date(dt.date(2015, 12, 31)) == "31 December 2015"
    summer = dt.datetime(2026, 6, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 June in London
    assert govuk_date(summer) == "2 June 2026 at 00:30"
    assert govuk_date(None) == ""


def test_static_addresses_are_djangos_and_follow_a_change_of_settings():
    from django.templatetags.static import static as django_static
    from django.test import override_settings

    from joinedup.ui.jinja import static

    assert static("app/app.css") == django_static("app/app.css")
    assert static("app/app.css") == django_static("app/app.css")  # again: kept, the same
    with override_settings(STATIC_URL="/elsewhere/"):
        assert static("app/app.css") == "/elsewhere/app/app.css"
    assert static("app/app.css") == django_static("app/app.css")
