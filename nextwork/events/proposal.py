"""The engine's proposal beside every young person's wishes: who got which rank, who got nothing and why."""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class ProposalRow:
    invitation: object
    offer: object | None
    rank: int | None
    reason: str
    lock: object | None = None  # a staff move, if any


def proposal_rows(run, invitations, offers, locks=()) -> list[ProposalRow]:
    offers_by_id = {str(o.pk): o for o in offers}
    placed = {p["youth"]: p for p in run.result.get("placements", [])}
    unplaced = {u["youth"]: u for u in run.result.get("unplaced", [])}
    danish = (get_language() or "da").startswith("da")
    locks = {lock.person_id: lock for lock in locks}
    rows = []
    for invitation in invitations:
        key, lock = str(invitation.person_id), locks.get(invitation.person_id)
        if key in placed:
            rows.append(ProposalRow(invitation, offers_by_id.get(placed[key]["offer"]), placed[key]["rank"], "",
                                    lock))
        elif key in unplaced:
            reason = unplaced[key]["reason_da" if danish else "reason"]
            rows.append(ProposalRow(invitation, None, None, reason, lock))
        elif lock is not None:  # given no place by hand: left out of the run
            rows.append(ProposalRow(invitation, None, None, "", lock))
    return rows
