"""Reads of staff members by role. Roles live in a list on the user, which SQLite cannot filter, and a
municipality has tens of staff, not thousands: the roles are matched in Python, the result is a queryset."""

from django.db.models import QuerySet

from .models import User


def staff_with_roles(*, municipality_id: int, roles) -> QuerySet:
    wanted = set(roles)
    staff = User.objects.filter(municipality_id=municipality_id, is_active=True).only("role", "additional_roles")
    ids = [user.pk for user in staff if user.roles & wanted]
    return User.objects.filter(pk__in=ids)
