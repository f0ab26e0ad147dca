"""Every API refusal as JSON: 401, 403, 404 (never naming the child), 409 for an edit conflict (G5)
and 422 with field errors."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from joinedup.core.rules import EditConflict, RuleViolations, Violation

INPUT_RULE = "API-INPUT"
NOT_FOUND = "Not found"
# Services name the object a rule is about (or the page's field); the API's bodies name its identifier.
_API_FIELDS = {
    "practitioner": "practitioner_id",
    "worker": "practitioner_id",  # allocation: the worker chosen
    "hub": "hub_id",
    "to_hub": "to_hub_id",
    "assessment_worker": "assessment_worker_id",
    "introductions_done_on": "on",  # completing a transfer: the date introductions were done
}


def _field_of(loc: Sequence[Any]) -> str | None:
    """("body", "payload", "start_date") -> "start_date"; ("path", "child_id") -> "child_id"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path"}:
        parts = parts[2:] if parts[0] == "body" else parts[1:]
    return ".".join(parts) or None


_UUID = "{name} must be a UUID, like 6f1c1a52-3d8e-4b1a-9a55-0c2b7e5f4d10"
_DATE = "{name} must be a real date in the format YYYY-MM-DD"
_DATETIME = "{name} must be a real date and time with a time zone, like 2027-03-27T14:30:00+01:00"
_WHOLE_NUMBER = "{name} must be a whole number"
_OBJECT = "Send the body as a JSON object"
# pydantic's error types, in words an API user can act on; other types keep pydantic's message.
_MESSAGES = {
    "missing": "Enter a value for {name}",
    "extra_forbidden": "{name} is not accepted here",
    "uuid_parsing": _UUID,
    "uuid_type": _UUID,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "timezone_aware": _DATETIME,
    "int_parsing": _WHOLE_NUMBER,
    "int_type": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "greater_than_equal": "{name} must be {ge} or more",
    "less_than_equal": "{name} must be {le} or less",
    "string_type": "{name} must be text",
    "string_too_long": "{name} must be {max_length} characters or fewer",
    "string_too_short": "Enter a value for {name}",  # only min_length=1 is used: text that is not blank
    "enum": "{name} must be one of {expected}",
    "literal_error": "{name} must be one of {expected}",
    "bool_type": "{name} must be true or false",
    "bool_parsing": "{name} must be true or false",
    "list_type": "{name} must be a list",
    "model_attributes_type": _OBJECT,
    "model_type": _OBJECT,
    "dict_type": _OBJECT,
}


def _input_message(field: str | None, error: Mapping[str, Any]) -> str:
    name = field or "The request"
    template = _MESSAGES.get(error.get("type", ""))
    try:
        return template.format(name=name, **error.get("ctx", {})) if template else f"{name}: {error.get('msg')}"
    except KeyError:  # a template needing context pydantic did not give
        return f"{name}: {error.get('msg')}"


def input_errors(errors: Sequence[Mapping[str, Any]]) -> list[Violation]:
    """ninja's pydantic errors, in the same shape as a broken rule."""
    out = []
    for error in errors:
        field = _field_of(error.get("loc", ()))
        out.append(Violation(INPUT_RULE, field, _input_message(field, error)))
    return out


def _violations_response(api: NinjaAPI, request: HttpRequest, violations: Sequence[Violation]) -> HttpResponse:
    detail = [
        {"rule": v.rule, "field": _API_FIELDS.get(v.field, v.field) if v.field else None, "message": v.message}
        for v in violations
    ]
    return api.create_response(request, {"detail": detail}, status=422)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api``; each answers with the schemas in ``schemas.py``."""

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, {"detail": NOT_FOUND}, status=404)  # never the child's details

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return api.create_response(request, {"detail": "You do not have permission to do this"}, status=403)

    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = api.create_response(request, {"detail": "Sign in, or send a valid API token"}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja could not parse the body: an input error like any other
            return _violations_response(api, request, [Violation(INPUT_RULE, None, _OBJECT)])
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _violations_response(api, request, input_errors(exc.errors))

    def refused(request: HttpRequest, exc: RuleViolations) -> HttpResponse:
        return _violations_response(api, request, exc.violations)

    def conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
        message = f"{exc}. Read it again and retry with its new version" if str(exc) else "Changed by someone else"
        return api.create_response(request, {"detail": message}, status=409)

    def failed(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Let Django answer 500 even under DEBUG, so ATOMIC_REQUESTS rolls the request back (G3: a
        # read whose audit row cannot be written must fail, and leave nothing half-done).
        raise exc

    _on(api, Exception, failed)
    _on(api, Http404, not_found)
    _on(api, PermissionDenied, forbidden)
    _on(api, AuthenticationError, unauthenticated)
    _on(api, HttpError, http_error)
    _on(api, ValidationError, invalid_input)
    _on(api, RuleViolations, refused)
    _on(api, EditConflict, conflict)


def _on[E: Exception](api: NinjaAPI, exc_class: type[E], handler: Callable[[HttpRequest, E], HttpResponse]) -> None:
    # ninja types a handler's argument as ``E | type[E]``; it always passes the raised instance.
    api.add_exception_handler(exc_class, handler)  # type: ignore[arg-type]
