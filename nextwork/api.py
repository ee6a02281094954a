"""The JSON API root. Each app contributes a router; errors are always JSON with a `detail` message, even an
unexpected one (a 500, logged as Django logs a server error) and a 404 for a path no route knows."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views import defaults
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from nextwork.core.errors import DomainError
from nextwork.core.tokens import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


# Every operation can answer these through the handlers below (a rule, no token, the role, another
# municipality's or an unknown id, input that does not match the schema): the document says so for each one,
# so a client (and schemathesis' status-code check in tests/test_api_fuzz.py) finds no undocumented status.
ERROR_RESPONSES = {
    "400": "Refused by a rule: `detail` says why, `field` names the input it concerns.",
    "401": "Authentication required: no valid bearer token.",
    "403": "The token's user's role may not do this.",
    "404": "Not found (or it belongs to another municipality).",
    "422": "The request does not match the schema: `errors` lists where.",
}
ERROR_SCHEMA = {"title": "ErrorResponse", "type": "object", "required": ["detail"],
                "properties": {"detail": {"type": "string"}, "field": {"type": "string", "nullable": True},
                               "errors": {"type": "array", "items": {}}}}


class DocumentedErrorsAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["ErrorResponse"] = ERROR_SCHEMA
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses.setdefault(status, {"description": description, **error})
        return schema


api = DocumentedErrorsAPI(
    title="NExTWORK API",
    version="1.0.0",
    description="Young people and their courses. Authenticate with `Authorization: Bearer TOKEN` "
    "(create a token with `python manage.py create_api_token USERNAME`).",
    auth=BearerToken(),
)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(request, {"detail": "Authentication required: send a valid bearer token."},
                               status=401)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": "Your role may not do this."}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(DomainError)
def domain_error(request, exc):
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    return api.create_response(request, {"detail": "The request is invalid.", "errors": exc.errors}, status=422)


@api.exception_handler(Exception)
def server_error(request, exc):
    """A bug: logged with its traceback on Django's own logger for server errors (so it reaches the same
    handlers as any 500), and answered in JSON without details."""
    logging.getLogger("django.request").error("Internal Server Error: %s", request.path, exc_info=exc,
                                              extra={"status_code": 500, "request": request})
    response = api.create_response(request, {"detail": "Something went wrong on our side; it has been logged."},
                                   status=500)
    response._has_been_logged = True  # Django would log it again, without the traceback
    return response


def page_not_found(request, exception):
    """The site's 404 handler: JSON under /api/, the HTML page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


api.add_router("/young-people/", "nextwork.people.api.router")
api.add_router("/", "nextwork.portal.api.router")
api.add_router("/", "nextwork.groups.api.router")
api.add_router("/", "nextwork.companies.api.router")
api.add_router("/audit/", "nextwork.core.api.router")
api.add_router("/events/", "nextwork.events.api.router")
api.add_router("/devising/", "nextwork.devising.api.router")
api.add_router("/fidelity/", "nextwork.scorecards.api.router")
api.add_router("/research/", "nextwork.research.api.router")
api.add_router("/trial/", "nextwork.trial.api.router")
api.add_router("/wellbeing/", "nextwork.wellbeing.api.router")
