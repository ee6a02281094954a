from functools import wraps

from .permissions import require


def permission_required(action: str):
    """Checks the permission matrix before the view runs (a 403 page otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
