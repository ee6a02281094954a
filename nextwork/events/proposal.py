"""The engine's proposal beside every young person's wishes: who got which rank, who got nothing and why."""

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class ProposalRow:
    invitation: object
    offer: object | None
    rank: int | None
    reason: str


def proposal_rows(run, invitations, offers) -> list[ProposalRow]:
    offers_by_id = {str(o.pk): o for o in offers}
    placed = {p["youth"]: p for p in run.result.get("placements", [])}
    unplaced = {u["youth"]: u for u in run.result.get("unplaced", [])}
    danish = (get_language() or "da").startswith("da")
    rows = []
    for invitation in invitations:
        key = str(invitation.person_id)
        if key in placed:
            rows.append(ProposalRow(invitation, offers_by_id.get(placed[key]["offer"]), placed[key]["rank"], ""))
        elif key in unplaced:
            reason = unplaced[key]["reason_da" if danish else "reason"]
            rows.append(ProposalRow(invitation, None, None, reason))
    return rows
