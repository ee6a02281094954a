"""The merge through the API: the same service, permission and audit as the page."""

from django.utils import translation
from ninja import Router, Schema

from nextwork.people import access
from nextwork.people.api import Id

from .merge import merge_preview, young_people_merge

router = Router(tags=["young people"])


class MergeIn(Schema):
    duplicate_id: Id


class MergeOut(Schema):
    id: int
    merged_id: int
    moved: list[str]


class Error(Schema):
    detail: str


@router.post("/young-people/{keep_id}/merge/", response={200: MergeOut, 400: Error, 403: Error, 404: Error,
                                                          422: Error})
def merge(request, keep_id: Id, payload: MergeIn):
    """Merges the duplicate into the kept record, moving everything that belongs to the young person in
    every app. Refused (400, with what to resolve first) when the two are in two groups at once or have
    overlapping internships."""
    user = request.user
    keep = access.access_young_person_by_id(user, keep_id, action="person.merge")
    duplicate = access.access_young_person_by_id(user, payload.duplicate_id, action="person.merge")
    with translation.override("en"):  # API messages are English
        moves = merge_preview(keep=keep, duplicate=duplicate).moves
        young_people_merge(actor=user, keep=keep, duplicate=duplicate)
    return {"id": keep.pk, "merged_id": duplicate.pk, "moved": moves}
