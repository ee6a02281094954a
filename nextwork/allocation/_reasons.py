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


_ORDER = ("outranked", "fixed", "displaced", "ruled_out", "no_capacity")
_OUTRANKED, _FIXED, _DISPLACED, _RULED_OUT, _NO_CAPACITY = range(5)
_CONTESTED = -1  # full, with wishes among its occupants: outranked or displaced depending on the rank
_TIE_EN = " Where they ranked it as high, the policy and the seeded lottery decided."
_TIE_DA = " Hvor de havde det lige så højt, afgjorde politikken og lodtrækningen."


def _explain(counts: tuple[int, ...], n: int, tie: bool) -> tuple[str, str, str]:
    parts = [(c, k) for c, k in zip(_ORDER, counts, strict=True) if k]
    en, da = _sentence(parts, n)
    if tie:
        en += _TIE_EN
        da += _TIE_DA
    return en, da, parts[0][0] if len(parts) == 1 else "mixed"


def reasons(instance: Instance, placements: list[Placement], unplaced: list[str]) -> list[Unplaced]:
    """Explain each unplaced young person by what happened to each of their wished offers."""
    wishes_of = {y.id: y.wishes for y in instance.youth}
    forbidden = set(instance.forbidden)
    held = Counter(p.offer for p in placements)
    ranks: dict[str, set[int | None]] = {}
    for p in placements:
        if not p.fixed:
            ranks.setdefault(p.offer, set()).add(p.rank)  # a placement that is not fixed is a wish
    # The lowest-ranked (largest rank) occupant who is not fixed, per offer; None (not wished) counts as lowest.
    worst = {o: max(float("inf") if q is None else q for q in qs) for o, qs in ranks.items()}
    # What happened to each offer, the same for everyone who wished it except for their rank.
    kind = {}
    for o in instance.offers:
        if o.capacity == 0:
            kind[o.id] = _NO_CAPACITY
        elif held[o.id] < o.capacity:
            kind[o.id] = _DISPLACED
        elif o.id in ranks:
            kind[o.id] = _CONTESTED
        else:
            kind[o.id] = _FIXED
    explained: dict[tuple, tuple[str, str, str]] = {}
    result = []
    for yid in unplaced:
        wishes = wishes_of[yid]
        if not wishes:
            result.append(
                Unplaced(yid, "No offer was wished.", "Den unge ønskede ingen tilbud.", "no_wishes")
            )
            continue
        counts = [0, 0, 0, 0, 0]
        tie = False
        for r, oid in enumerate(wishes, start=1):
            if forbidden and (yid, oid) in forbidden:
                k = _RULED_OUT
            else:
                k = kind[oid]
                if k == _CONTESTED:
                    if worst[oid] > r:
                        k = _DISPLACED
                    else:
                        k = _OUTRANKED
                        tie = tie or r in ranks[oid]
            counts[k] += 1
        key = (*counts, len(wishes), tie)
        text = explained.get(key)
        if text is None:
            text = explained[key] = _explain(tuple(counts), len(wishes), tie)
        result.append(Unplaced(yid, *text))
    return result
