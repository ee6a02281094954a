import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils.translation import gettext as _

from nextwork.core import audit
from nextwork.core.errors import DomainError
from nextwork.core.roles import Role

from ..models import NetworkGroup
from .sessions import check_in_window, sessions_generate

FACILITATOR_ROLES = {Role.TEAM_LEAD, Role.YOUTH_CONSULTANT, Role.COMPANY_CONSULTANT, Role.PSYCHOLOGIST}
PLAN_AHEAD = dt.timedelta(weeks=12)
# A new group may have started this long ago (its sessions since then are planned); not longer.
MAX_START_BACK = relativedelta(years=2)


def _check_input(*, name, place, starts_at, ends_at, active_from, active_until) -> None:
    """Input that no form should let through, checked again for every caller."""
    for field, value, longest in (("name", name, 100), ("place", place, 200)):
        if "\x00" in value:
            raise DomainError(_("The text cannot contain NUL characters."), field=field)
        if len(value.strip()) > longest:
            raise DomainError(_("Write at most %(count)d characters.") % {"count": longest}, field=field)
    for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value.tzinfo is not None:
            raise DomainError(_("Give the time without a timezone."), field=field)
    check_in_window(active_from, field="active_from")
    check_in_window(active_until, field="active_until")


def _check(*, actor, name, place, starts_at, ends_at, facilitators, target_min, target_max, active_from,
           active_until, exclude_id=None, today=None) -> None:
    _check_input(name=name, place=place, starts_at=starts_at, ends_at=ends_at, active_from=active_from,
                 active_until=active_until)
    if not name.strip():
        raise DomainError(_("Give the group a name."), field="name")
    if not place.strip():
        raise DomainError(_("Give the place where the group meets."), field="place")
    if exclude_id is None and active_from < (today or dt.date.today()) - MAX_START_BACK:
        raise DomainError(_("A new group can have started at most two years ago."), field="active_from")
    others = NetworkGroup.objects.filter(municipality_id=actor.municipality_id, name__iexact=name.strip())
    if others.exclude(pk=exclude_id).exists():
        raise DomainError(_("Another group in the municipality already has this name."), field="name")
    if ends_at <= starts_at:
        raise DomainError(_("The meeting must end after it starts."), field="ends_at")
    if not facilitators:
        raise DomainError(_("Choose at least one facilitator."), field="facilitators")
    for user in facilitators:
        if user.municipality_id != actor.municipality_id or not user.has_role(*FACILITATOR_ROLES):
            raise DomainError(_("Facilitators must be staff on the municipality's team."), field="facilitators")
    if not 1 <= target_min <= target_max:
        raise DomainError(_("The minimum size must be at least 1 and not above the maximum size."),
                          field="target_min")
    if target_max > 30:
        raise DomainError(_("A network group can have at most 30 members."), field="target_max")
    if active_until is not None and active_until < active_from:
        raise DomainError(_("The active period must end after it starts."), field="active_until")


@transaction.atomic
def group_create(*, actor, name: str, weekday: str, starts_at: dt.time, ends_at: dt.time, place: str,
                 facilitators: list, active_from: dt.date, active_until: dt.date | None = None,
                 target_min: int = 8, target_max: int = 12, today: dt.date | None = None) -> NetworkGroup:
    _check(actor=actor, name=name, place=place, starts_at=starts_at, ends_at=ends_at, facilitators=facilitators,
           target_min=target_min, target_max=target_max, active_from=active_from, active_until=active_until,
           today=today)
    group = NetworkGroup(municipality_id=actor.municipality_id, name=name.strip(), weekday=weekday,
                         starts_at=starts_at, ends_at=ends_at, place=place.strip(), target_min=target_min,
                         target_max=target_max, active_from=active_from, active_until=active_until)
    group.full_clean()
    group.save()
    group.facilitators.set(facilitators)
    today = today or dt.date.today()
    sessions_generate(group=group, until=max(today, active_from) + PLAN_AHEAD)
    audit.record(actor=actor, action="create", object_type="network_group", object_id=group.pk,
                 municipality_id=group.municipality_id, summary=f"group created: {group.name}")
    return group


@transaction.atomic
def group_update(*, actor, group: NetworkGroup, name: str, weekday: str, starts_at: dt.time, ends_at: dt.time,
                 place: str, facilitators: list, active_from: dt.date, active_until: dt.date | None,
                 target_min: int, target_max: int) -> NetworkGroup:
    _check(actor=actor, name=name, place=place, starts_at=starts_at, ends_at=ends_at, facilitators=facilitators,
           target_min=target_min, target_max=target_max, active_from=active_from, active_until=active_until,
           exclude_id=group.pk)
    before = _snapshot(group)
    group.name, group.weekday, group.starts_at, group.ends_at = name.strip(), weekday, starts_at, ends_at
    group.place, group.target_min, group.target_max = place.strip(), target_min, target_max
    group.active_from, group.active_until = active_from, active_until
    group.full_clean()
    group.save()
    group.facilitators.set(facilitators)
    after = _snapshot(group)
    audit.record_change(actor=actor, object_type="network_group", object_id=group.pk,
                        municipality_id=group.municipality_id,
                        changes={name: (before[name], after[name]) for name in before if before[name] != after[name]})
    return group


def _snapshot(group: NetworkGroup) -> dict:
    fields = ("name", "weekday", "starts_at", "ends_at", "place", "target_min", "target_max", "active_from",
              "active_until")
    return {**{name: getattr(group, name) for name in fields},
            "facilitators": sorted(group.facilitators.values_list("pk", flat=True))}
