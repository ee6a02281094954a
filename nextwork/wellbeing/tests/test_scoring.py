"""Scores against values worked out by hand, with the boundaries: WHO-5 50 (talk) and 28 (psychologist),
loneliness 7 (severe)."""

import pytest

from nextwork.wellbeing import scales


@pytest.mark.parametrize(("answers", "raw", "percent", "flag"), [
    ([5, 5, 5, 5, 5], 25, 100, ""),
    ([3, 3, 3, 2, 2], 13, 52, ""),  # 52: just above 50, no flag
    ([3, 3, 2, 2, 2], 12, 48, "talk"),
    ([2, 2, 2, 2, 2], 10, 40, "talk"),
    ([2, 2, 2, 1, 1], 8, 32, "talk"),
    ([1, 1, 1, 1, 3], 7, 28, "psychologist"),  # 28 exactly: the psychologist
    ([0, 0, 0, 0, 0], 0, 0, "psychologist"),
])
def test_who5_is_the_raw_sum_times_four_and_flags_at_50_and_28(answers, raw, percent, flag):
    assert scales.who5_raw(answers) == raw
    assert scales.who5_percent(raw) == percent
    assert scales.who5_flag(percent) == flag


def test_fifty_exactly_is_flagged_for_a_conversation():
    # No five answers 0-5 sum to 12.5, so 50 is checked on the percent directly; 29 is a talk, not psychologist.
    assert scales.who5_flag(50) == "talk"
    assert scales.who5_flag(51) == ""
    assert scales.who5_flag(29) == "talk"


@pytest.mark.parametrize(("answers", "score", "severe"), [
    ([1, 1, 1], 3, False), ([2, 2, 2], 6, False), ([3, 2, 2], 7, True), ([3, 3, 3], 9, True)])
def test_loneliness_is_3_to_9_and_severe_from_7(answers, score, severe):
    assert scales.loneliness_score(answers) == score
    assert scales.is_severely_lonely(score) is severe


def test_the_whole_check_in_is_scored_together():
    scores = scales.score(who5=[3, 3, 2, 2, 3], loneliness=[2, 3, 2], work_identity=[4, 3, 3, 2])
    assert (scores.who5_raw, scores.who5_percent, scores.loneliness_score) == (13, 52, 7)
    assert scores.severe_loneliness and scores.flag == "" and scores.work_identity_mean == 3.0


@pytest.mark.parametrize("who5", [[5, 5, 5, 5], [6, 0, 0, 0, 0], [-1, 0, 0, 0, 0], [True, 1, 1, 1, 1]])
def test_answers_outside_the_scale_are_refused(who5):
    with pytest.raises(ValueError):
        scales.who5_raw(who5)


def test_every_wording_names_its_source_and_the_scales_have_their_official_length():
    assert len(scales.WHO5_ITEMS) == 5 and len(scales.WHO5_OPTIONS) == 6
    assert [p for p, _ in scales.WHO5_OPTIONS] == [5, 4, 3, 2, 1, 0]
    assert len(scales.LONELINESS_ITEMS) == 3 and [p for p, _ in scales.LONELINESS_OPTIONS] == [3, 2, 1]
    assert "Nordsjælland" in scales.WHO5_SOURCE and "Sundhedsprofil" in scales.LONELINESS_SOURCE
    assert "not a validated scale" in scales.WORK_IDENTITY_SOURCE
