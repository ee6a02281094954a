"""Fetching groups, sessions and memberships for staff: the role (permission matrix) and the municipality
are checked here; anything outside the user's municipality is a 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from nextwork.core import audit
from nextwork.core.permissions import can

from .models import Membership, NetworkGroup, Session


def groups_for(user):
    if not can(user, "group.view"):
        raise PermissionDenied("group.view")
    return NetworkGroup.objects.filter(municipality_id=user.municipality_id)


def access_group_by_id(user, group_id, *, action: str = "group.view") -> NetworkGroup:
    if not can(user, action):
        raise PermissionDenied(action)
    group = NetworkGroup.objects.filter(pk=group_id, municipality_id=user.municipality_id).first()
    if group is None:
        raise Http404("No such group.")
    # The group page lists its members by name: reading it is a read of personal data.
    audit.record(actor=user, action="view" if action == "group.view" else "change", object_type="network_group",
                 object_id=group.pk, municipality_id=group.municipality_id, summary=action)
    return group


def access_session_by_id(user, session_id, *, action: str = "group.view") -> Session:
    if not can(user, action):
        raise PermissionDenied(action)
    session = (Session.objects.select_related("group")
               .filter(pk=session_id, group__municipality_id=user.municipality_id).first())
    if session is None:
        raise Http404("No such session.")
    audit.record(actor=user, action="view" if action == "group.view" else "change", object_type="group_session",
                 object_id=session.pk, municipality_id=session.group.municipality_id, summary=action)
    return session


def access_membership_by_id(user, membership_id, *, action: str = "group.manage") -> Membership:
    if not can(user, action):
        raise PermissionDenied(action)
    membership = (Membership.objects.select_related("group", "person")
                  .filter(pk=membership_id, group__municipality_id=user.municipality_id,
                          person__merged_into__isnull=True).first())
    if membership is None:
        raise Http404("No such membership.")
    audit.record(actor=user, action="change", object_type="young_person", object_id=membership.person_id,
                 municipality_id=membership.group.municipality_id, summary=action)
    return membership
