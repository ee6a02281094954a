"""A plain keyword mapping from the trades young people write in their own words to DISCO-08 minor
groups. Honest and simple: a wish counts for every group whose keyword it contains; a wish no keyword
matches is shown as unmapped rather than guessed. Extend the list when the unmapped list shows a gap."""

import re

# (keyword found in the lower-cased wish, DISCO-08 minor group)
KEYWORDS: tuple[tuple[str, str], ...] = (
    ("smed", "722"), ("svejs", "721"), ("klejnsmed", "721"), ("tømrer", "711"), ("murer", "711"),
    ("brolæg", "711"), ("snedker", "752"), ("maler", "713"), ("vvs", "712"), ("blikkenslager", "712"),
    ("elektriker", "741"), ("elektronik", "742"), ("mekaniker", "723"), ("cykel", "723"),
    ("kok", "512"), ("kokke", "512"), ("køkken", "941"), ("tjener", "513"), ("bartender", "513"), ("bager", "751"),
    ("slagter", "751"), ("frisør", "514"), ("kosmetolog", "514"), ("negl", "514"),
    ("butik", "522"), ("salg", "522"), ("kasse", "523"), ("lager", "933"), ("truck", "834"),
    ("chauffør", "833"), ("lastbil", "833"), ("bus", "833"), ("taxa", "832"), ("bud", "832"),
    ("pædagog", "531"), ("børn", "531"), ("dagpleje", "531"), ("social- og sundhed", "532"), ("sundhedshjælper", "532"), ("sosu", "532"),
    ("hjemmehjælp", "532"), ("omsorg", "532"), ("sygeplej", "222"), ("gartner", "611"), ("landbrug", "612"),
    ("landmand", "613"), ("dyrepas", "516"), ("dyr", "516"), ("skov", "621"), ("fisk", "622"),
    ("it-support", "351"), ("it support", "351"), ("programm", "251"), ("udvikler", "251"), ("it", "351"),
    ("grafisk", "216"), ("designer", "216"), ("kontor", "411"), ("administration", "411"),
    ("reception", "422"), ("rengøring", "911"), ("pedel", "515"), ("ejendomsservice", "515"),
    ("vagt", "541"), ("politi", "541"), ("soldat", "031"), ("fitness", "342"), ("træner", "342"),
    ("musik", "265"), ("film", "265"), ("fotograf", "343"), ("journalist", "264"), ("mode", "753"),
    ("syerske", "753"), ("montør", "821"), ("fabrik", "932"), ("produktion", "932"), ("industri", "932"),
    ("renovation", "961"), ("flytte", "933"), ("post", "441"),
)
_PARTS = re.compile(r",|;|/|\n|\beller\b|(?<!-) og ")  # "Social- og sundhedshjælper" stays one


def wishes_in(text: str) -> list[str]:
    return [part.strip() for part in _PARTS.split(text or "") if part.strip()]


def groups_for(wish: str) -> set[str]:
    """The DISCO-08 minor groups a single wish names. Short keywords ("it", "dyr") must be whole words."""
    lowered = wish.lower()
    found = set()
    for keyword, group in KEYWORDS:
        if len(keyword) <= 3:
            if re.search(rf"\b{re.escape(keyword)}\b", lowered):
                found.add(group)
        elif keyword in lowered:
            found.add(group)
    if "722" in found and "721" in found and "klejnsmed" not in lowered:
        found.discard("721")
    return found
