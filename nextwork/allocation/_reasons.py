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
    depth = max((len(w) for w in wishes_of.values()), default=0)
    held = Counter(p.offer for p in placements)
    ranks: dict[str, set[int | None]] = {}
    for p in placements:
        if not p.fixed:
            ranks.setdefault(p.offer, set()).add(p.rank)  # a placement that is not fixed is a wish
    # What happened to each offer for someone who ranked it r (index r - 1), coded 2 * cause + tie:
    # the same for everyone who wished it at that rank, unless the pair is forbidden.
    outcome: dict[str, tuple[int, ...]] = {}
    for o in instance.offers:
        if o.capacity == 0:
            outcome[o.id] = (2 * _NO_CAPACITY,) * depth
        elif held[o.id] < o.capacity:
            outcome[o.id] = (2 * _DISPLACED,) * depth
        elif o.id in ranks:
            qs = ranks[o.id]
            # The lowest-ranked (largest rank) occupant who is not fixed; None (not wished) counts as lowest.
            worst = max(float("inf") if q is None else q for q in qs)
            outcome[o.id] = tuple(
                2 * _DISPLACED if worst > r else 2 * _OUTRANKED + (r in qs) for r in range(1, depth + 1)
            )
        else:
            outcome[o.id] = (2 * _FIXED,) * depth
    forbidden = set(instance.forbidden)
    ruled_out = {y for y, _ in forbidden}
    positions = range(depth)
    explained: dict[tuple[int, ...], tuple[str, str, str]] = {}
    result = []
    for yid in unplaced:
        wishes = wishes_of[yid]
        if not wishes:
            result.append(
                Unplaced(yid, "No offer was wished.", "Den unge ønskede ingen tilbud.", "no_wishes")
            )
            continue
        codes = tuple(map(tuple.__getitem__, map(outcome.__getitem__, wishes), positions))
        if yid in ruled_out:
            codes = tuple(
                2 * _RULED_OUT if (yid, oid) in forbidden else c for oid, c in zip(wishes, codes, strict=True)
            )
        text = explained.get(codes)
        if text is None:
            counts = [0, 0, 0, 0, 0]
            for c in codes:
                counts[c >> 1] += 1
            text = explained[codes] = _explain(tuple(counts), len(wishes), any(c & 1 for c in codes))
        result.append(Unplaced(yid, *text))
    return result
