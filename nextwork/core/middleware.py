from .audit import current_channel


class AuditChannelMiddleware:
    """Marks audit rows written during an API request as coming from the API."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_channel.set("api" if request.path.startswith("/api/") else "web")
        try:
            return self.get_response(request)
        finally:
            current_channel.reset(token)
