"""The young person's group history for their page in nextwork.people (people/detail.html includes
groups/_person_groups.html with this context)."""

from nextwork.core.permissions import can

from . import selectors


def person_groups_context(user, person) -> dict:
    """Two queries. The caller has already read the person through the access function."""
    return {
        "group_history": selectors.person_group_history(person),
        "group_recent_attendance": selectors.person_recent_attendance(person, limit=5),
        "may_group_view": can(user, "group.view"),
        "may_group_manage": can(user, "group.manage"),
        "may_group_take_attendance": can(user, "group.take_attendance"),
    }
