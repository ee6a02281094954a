"""Plain-language reasons, in English and Danish, why a young person got no place."""

from __future__ import annotations

from collections import Counter

from .model import Instance, Placement, Unplaced

_EN_NUM = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_DA_NUM = ["ingen", "ét", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"]

# Each cause: English and Danish phrase for one offer and for several.
_CAUSES = {
    "outranked": (
        (
            "was filled by young people who ranked it at least as high",
            "were filled by young people who ranked them at least as high",
        ),
        (
            "blev fyldt af unge, der havde det mindst lige så højt på ønskelisten",
            "blev fyldt af unge, der havde dem mindst lige så højt på ønskelisten",
        ),
    ),
    "fixed": (
        ("was filled by fixed placements", "were filled by fixed placements"),
        ("blev fyldt af faste placeringer", "blev fyldt af faste placeringer"),
    ),
    "ruled_out": (
        ("was ruled out for this young person", "were ruled out for this young person"),
        ("var udelukket for den unge", "var udelukket for den unge"),
    ),
    "no_capacity": (
        ("has no places", "have no places"),
        ("har ingen pladser", "har ingen pladser"),
    ),
    "displaced": (
        (
            "was filled; giving it to this young person would have left others worse off under the policy",
            "were filled; giving one to this young person would have left others worse off under the policy",
        ),
        (
            "blev fyldt; at give det til den unge ville have stillet andre dårligere efter politikken",
            "blev fyldt; at give et af dem til den unge ville have stillet andre dårligere efter politikken",
        ),
    ),
}


def _num(n: int, words: list[str]) -> str:
    return words[n] if n < len(words) else str(n)


def _sentence(parts: list[tuple[str, int]], n: int) -> tuple[str, str]:
    if len(parts) == 1:
        cause, _ = parts[0]
        (en1, enn), (da1, dan) = _CAUSES[cause]
        if n == 1:
            return f"The one wished offer {en1}.", f"Det ene ønskede tilbud {da1}."
        return (
            f"All {_num(n, _EN_NUM)} wished offers {enn}.",
            f"Alle {_num(n, _DA_NUM)} ønskede tilbud {dan}.",
        )
    en, da = [], []
    for cause, k in parts:
        (en1, enn), (da1, dan) = _CAUSES[cause]
        en.append(f"{_num(k, _EN_NUM)} {en1 if k == 1 else enn}")
        da.append(f"{_num(k, _DA_NUM)} {da1 if k == 1 else dan}")
    join_en = "; ".join(en[:-1]) + " and " + en[-1]
    join_da = "; ".join(da[:-1]) + " og " + da[-1]
    return (
        f"Of the {_num(n, _EN_NUM)} wished offers, {join_en}.",
        f"Af de {_num(n, _DA_NUM)} ønskede tilbud: {join_da}.",
    )


def reasons(instance: Instance, placements: list[Placement], unplaced: list[str]) -> list[Unplaced]:
    """Explain each unplaced young person by what happened to each of their wished offers."""
    capacity = {o.id: o.capacity for o in instance.offers}
    youth = {y.id: y for y in instance.youth}
    forbidden = set(instance.forbidden)
    held: Counter[str] = Counter()
    ranks: dict[str, set[int | None]] = {}
    for p in placements:
        held[p.offer] += 1
        if not p.fixed:
            ranks.setdefault(p.offer, set()).add(p.rank)  # a placement that is not fixed is a wish
    # The lowest-ranked (largest rank) occupant who is not fixed, per offer; None (not wished) counts as lowest.
    worst = {o: max(float("inf") if q is None else q for q in qs) for o, qs in ranks.items()}
    result = []
    for yid in unplaced:
        wishes = youth[yid].wishes
        if not wishes:
            result.append(
                Unplaced(yid, "No offer was wished.", "Den unge ønskede ingen tilbud.", "no_wishes")
            )
            continue
        causes = dict.fromkeys(("outranked", "fixed", "displaced", "ruled_out", "no_capacity"), 0)
        tie = False
        for r, oid in enumerate(wishes, start=1):
            if forbidden and (yid, oid) in forbidden:
                causes["ruled_out"] += 1
            elif capacity[oid] == 0:
                causes["no_capacity"] += 1
            elif held[oid] < capacity[oid] or worst.get(oid, 0) > r:
                causes["displaced"] += 1
            elif oid in ranks:
                causes["outranked"] += 1
                tie = tie or r in ranks[oid]
            else:
                causes["fixed"] += 1
        order = ["outranked", "fixed", "displaced", "ruled_out", "no_capacity"]
        parts = [(c, causes[c]) for c in order if causes[c]]
        en, da = _sentence(parts, len(wishes))
        if tie:
            en += " Where they ranked it as high, the policy and the seeded lottery decided."
            da += " Hvor de havde det lige så højt, afgjorde politikken og lodtrækningen."
        result.append(Unplaced(yid, en, da, parts[0][0] if len(parts) == 1 else "mixed"))
    return result
