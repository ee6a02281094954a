"""The three parts of a check-in: their wordings, where each wording comes from, and how each is scored.

English source strings go through gettext with a context per scale (the loneliness scale's "Some of the time"
is not the WHO-5's); the Danish the catalogue must hold for each is written out in docs/wellbeing.md under
"Wordings (Danish)". The Danish is the official wording of each source; do not paraphrase it.

Scoring is plain Python so it can be checked by hand (tests/test_scoring.py).
"""

from dataclasses import dataclass

from django.utils.translation import pgettext_lazy

# --- WHO-5 ------------------------------------------------------------------------------------------------
# Source: WHO-5 Well-Being Index (WHO-Five Well-Being Index, 1998 version), Psychiatric Research Unit, WHO
# Collaborating Centre in Mental Health, Frederiksborg General Hospital (Psykiatrisk Center Nordsjælland),
# Hillerød. English: the official English version. Danish: the official Danish version "WHO-5 Trivselsindeks"
# from the same centre ("I de sidste 2 uger ..."). Free to use without permission.
# Scoring (Topp, Østergaard, Søndergaard & Bech 2015, Psychother Psychosom 84:167-176): each item 0-5, raw score
# 0-25, times 4 gives 0-100. 50 or below: screen further (here: a conversation with the consultant); 28 or
# below: likely depression (here: the psychologist is told). Never shown to the young person as a diagnosis.
WHO5_SOURCE = ("WHO-5 Well-Being Index, Psychiatric Research Unit, WHO Collaborating Centre in Mental Health, "
               "Psykiatrisk Center Nordsjælland (official Danish version)")
WHO5_LEAD = pgettext_lazy("WHO-5", "Over the last two weeks")
WHO5_ITEMS = (
    pgettext_lazy("WHO-5", "I have felt cheerful and in good spirits"),
    pgettext_lazy("WHO-5", "I have felt calm and relaxed"),
    pgettext_lazy("WHO-5", "I have felt active and vigorous"),
    pgettext_lazy("WHO-5", "I woke up feeling fresh and rested"),
    pgettext_lazy("WHO-5", "My daily life has been filled with things that interest me"),
)
WHO5_OPTIONS = (  # (points, wording), in the order of the form
    (5, pgettext_lazy("WHO-5", "All of the time")),
    (4, pgettext_lazy("WHO-5", "Most of the time")),
    (3, pgettext_lazy("WHO-5", "More than half of the time")),
    (2, pgettext_lazy("WHO-5", "Less than half of the time")),
    (1, pgettext_lazy("WHO-5", "Some of the time")),
    (0, pgettext_lazy("WHO-5", "At no time")),
)
WHO5_TALK_AT_OR_BELOW = 50  # percent: flagged for a conversation with the consultant
WHO5_PSYCHOLOGIST_AT_OR_BELOW = 28  # percent: flagged to the psychologist

# --- Loneliness ---------------------------------------------------------------------------------------------
# Source: the Three-Item Loneliness Scale (Hughes, Waite, Hawkley & Cacioppo 2004, Research on Aging
# 26(6):655-672), in the Danish wording of Den Nationale Sundhedsprofil (Sundhedsstyrelsen / Statens Institut
# for Folkesundhed, from 2017). Each item 1-3, score 3-9; 7 or more is counted as severe loneliness, as the
# National Health Profile counts it.
LONELINESS_SOURCE = ("Three-Item Loneliness Scale (Hughes et al. 2004), Danish wording of Den Nationale "
                     "Sundhedsprofil")
LONELINESS_ITEMS = (
    pgettext_lazy("loneliness scale", "How often do you feel that you lack companionship?"),
    pgettext_lazy("loneliness scale", "How often do you feel left out?"),
    pgettext_lazy("loneliness scale", "How often do you feel isolated from others?"),
)
LONELINESS_OPTIONS = (
    (3, pgettext_lazy("loneliness scale", "Often")),
    (2, pgettext_lazy("loneliness scale", "Some of the time")),
    (1, pgettext_lazy("loneliness scale", "Hardly ever or never")),
)
SEVERE_LONELINESS_AT_OR_ABOVE = 7

# --- Work identity ------------------------------------------------------------------------------------------
# Source: NExTWORK's own items, written for this platform from the principle "work identity" (young people
# build an identity as "someone who can work"; ROCKWOOL Foundation Intervention Unit, the NExTWORK brochure).
# Not a validated scale: read them as the young person's own view over time, not as a measurement. 1-5 agreement.
WORK_IDENTITY_SOURCE = "NExTWORK's own items on the work-identity principle (not a validated scale)"
WORK_IDENTITY_ITEMS = (
    pgettext_lazy("work identity", "I see myself as someone who can work"),
    pgettext_lazy("work identity", "I know what kind of work I would like to do"),
    pgettext_lazy("work identity", "I have work experience I can tell others about"),
    pgettext_lazy("work identity", "I believe I will be in a job or in education a year from now"),
)
WORK_IDENTITY_OPTIONS = (
    (5, pgettext_lazy("work identity", "Strongly agree")),
    (4, pgettext_lazy("work identity", "Agree")),
    (3, pgettext_lazy("work identity", "Neither agree nor disagree")),
    (2, pgettext_lazy("work identity", "Disagree")),
    (1, pgettext_lazy("work identity", "Strongly disagree")),
)


class Flag:
    NONE = ""
    TALK = "talk"  # a conversation with the consultant
    PSYCHOLOGIST = "psychologist"  # the psychologist is told (and the consultant talks with them)


@dataclass(frozen=True)
class Scores:
    who5_raw: int
    who5_percent: int
    loneliness_score: int
    severe_loneliness: bool
    work_identity_mean: float
    flag: str


def _check(answers, count: int, allowed: set[int], name: str) -> list[int]:
    answers = list(answers)
    if len(answers) != count:
        raise ValueError(f"{name}: give {count} answers, not {len(answers)}.")
    for answer in answers:
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise ValueError(f"{name}: each answer must be one of {sorted(allowed)}, not {answer!r}.")
    return answers


def who5_raw(answers) -> int:
    return sum(_check(answers, len(WHO5_ITEMS), {p for p, _ in WHO5_OPTIONS}, "WHO-5"))


def who5_percent(raw: int) -> int:
    return raw * 4


def who5_flag(percent: int) -> str:
    if percent <= WHO5_PSYCHOLOGIST_AT_OR_BELOW:
        return Flag.PSYCHOLOGIST
    if percent <= WHO5_TALK_AT_OR_BELOW:
        return Flag.TALK
    return Flag.NONE


def loneliness_score(answers) -> int:
    return sum(_check(answers, len(LONELINESS_ITEMS), {p for p, _ in LONELINESS_OPTIONS}, "Loneliness"))


def is_severely_lonely(score: int) -> bool:
    return score >= SEVERE_LONELINESS_AT_OR_ABOVE


def work_identity_mean(answers) -> float:
    answers = _check(answers, len(WORK_IDENTITY_ITEMS), {p for p, _ in WORK_IDENTITY_OPTIONS}, "Work identity")
    return round(sum(answers) / len(answers), 2)


def score(*, who5, loneliness, work_identity) -> Scores:
    """>>> score(who5=[3, 3, 2, 2, 3], loneliness=[2, 3, 2], work_identity=[4, 3, 3, 2])
    Scores(who5_raw=13, who5_percent=52, loneliness_score=7, severe_loneliness=True, work_identity_mean=3.0, flag='')
    """
    raw = who5_raw(who5)
    lonely = loneliness_score(loneliness)
    return Scores(who5_raw=raw, who5_percent=who5_percent(raw), loneliness_score=lonely,
                  severe_loneliness=is_severely_lonely(lonely), work_identity_mean=work_identity_mean(work_identity),
                  flag=who5_flag(who5_percent(raw)))
