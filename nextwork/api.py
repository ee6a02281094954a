"""The JSON API root. Each app contributes a router; errors are always JSON with a `detail` message."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
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


api = NinjaAPI(
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


api.add_router("/young-people/", "nextwork.people.api.router")
api.add_router("/", "nextwork.portal.api.router")
api.add_router("/", "nextwork.groups.api.router")
api.add_router("/", "nextwork.companies.api.router")
api.add_router("/audit/", "nextwork.core.api.router")
