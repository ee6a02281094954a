"""Pocock-Simon minimisation: hand-worked imbalance scores, better balance than chance, determinism."""

from __future__ import annotations

import random
from collections import Counter
from fractions import Fraction

import pytest

from nextwork.randomisation import RandomisationInputError, _minimise, load_settings, minimise, secret_sha256
from nextwork.randomisation._stream import Stream

SECRET = b"a fixed test secret of 32 bytes!"


def _settings(**extra):
    data = {
        "method": "minimisation",
        "arms": {"treatment": 1, "control": 1},
        "secret_sha256": secret_sha256(SECRET),
        "factors": ["municipality", "age_band", "benefit_type"],
    }
    return load_settings({**data, **extra})


def _tally(existing):
    tally = _minimise.new_tally()
    for factors, arm in existing:
        _minimise.add(tally, factors, arm)
    return tally


def test_hand_worked_scores_by_range_and_by_variance():
    first = ({"sex": "f", "age": "young"}, "treatment")
    new = {"sex": "f", "age": "old"}
    # treatment: sex f (2, 0) range 2, age old (1, 0) range 1 -> 3; control: (1, 1) 0 and (0, 1) 1 -> 1
    by_range = load_settings({**_settings().to_json(), "factors": []})
    assert _minimise.scores(by_range, _tally([first]), new) == {"treatment": 3, "control": 1}
    # variance of (2, 0) is 1, of (1, 0) a quarter: treatment 5/4; control 0 + 1/4
    by_variance = load_settings({**by_range.to_json(), "imbalance": "variance"})
    assert _minimise.scores(by_variance, _tally([first]), new) == {
        "treatment": Fraction(5, 4),
        "control": Fraction(1, 4),
    }


def test_the_counts_are_divided_by_the_ratio():
    settings = load_settings({**_settings().to_json(), "arms": {"treatment": 2, "control": 1}, "factors": []})
    existing = [({"sex": "f"}, "treatment")]
    # treatment: (2/2, 0/1) range 1; control: (1/2, 1/1) range 1/2 -> control is preferred
    assert _minimise.scores(settings, _tally(existing), {"sex": "f"}) == {
        "treatment": 1,
        "control": Fraction(1, 2),
    }
    existing.append(({"sex": "f"}, "control"))
    # now (1/2, 1): treatment (1, 1) range 0, control (1/2, 2) range 3/2 -> treatment
    assert _minimise.scores(settings, _tally(existing), {"sex": "f"})["treatment"] == 0


def _scenario(n=240, seed=3):
    rng = random.Random(seed)
    return [
        {
            "municipality": rng.choice(["Roskilde", "Fredericia", "Aarhus"]),
            "age_band": rng.choice(["18-24", "25-29"]),
            "benefit_type": rng.choice(["kontanthjaelp", "uddannelseshjaelp", "dagpenge"]),
        }
        for _ in range(n)
    ]


def _marginal_imbalance(allocated):
    tally = _tally(allocated)
    return sum(abs(c["treatment"] - c["control"]) for c in tally.values())


def test_minimisation_balances_the_margins_better_than_simple_randomisation():
    settings = _settings()
    allocated = []
    for position, factors in enumerate(_scenario(), 1):
        allocated.append((factors, minimise(settings, SECRET, allocated, factors, position)))
    rng = random.Random(11)
    simple = [(f, rng.choice(["treatment", "control"])) for f in _scenario()]
    assert _marginal_imbalance(allocated) * 3 < _marginal_imbalance(simple)
    arms = Counter(arm for _, arm in allocated)
    assert abs(arms["treatment"] - arms["control"]) <= 4


def test_the_same_inputs_give_the_same_allocation_and_another_secret_may_not():
    settings = _settings()
    allocated = []
    for position, factors in enumerate(_scenario(60), 1):
        arm = minimise(settings, SECRET, allocated, factors, position)
        assert minimise(settings, SECRET, list(allocated), dict(factors), position) == arm
        allocated.append((factors, arm))
    other = b"another secret of thirty-two b.!"
    theirs = load_settings({**settings.to_json(), "secret_sha256": secret_sha256(other)})
    again = []
    for position, factors in enumerate(_scenario(60), 1):
        again.append((factors, minimise(theirs, other, again, factors, position)))
    assert [a for _, a in again] != [a for _, a in allocated]


def test_the_preferred_arm_is_chosen_with_the_set_probability():
    settings = _settings(factors=[])
    tally = _tally([({"sex": "f"}, "treatment")])
    chosen = Counter(_minimise.choose(settings, SECRET, tally, {"sex": "f"}, p) for p in range(1, 5001))
    assert 0.78 < chosen["control"] / 5000 < 0.82


def test_a_tie_is_broken_evenly_between_equal_arms():
    settings = _settings(factors=[])
    chosen = Counter(_minimise.choose(settings, SECRET, _tally([]), {"sex": "f"}, p) for p in range(1, 3001))
    assert 0.47 < chosen["treatment"] / 3000 < 0.53


def test_with_two_to_one_the_arms_end_near_two_to_one_within_every_margin():
    settings = _settings(arms={"treatment": 2, "control": 1})
    allocated = []
    for position, factors in enumerate(_scenario(), 1):
        allocated.append((factors, minimise(settings, SECRET, allocated, factors, position)))
    assert abs(Counter(a for _, a in allocated)["treatment"] - 160) <= 4
    for level, counts in _tally(allocated).items():
        assert abs(counts["treatment"] - 2 * counts["control"]) <= 6, level


def test_the_chance_draw_and_the_arm_draw_come_from_the_position_stream():
    settings = _settings(factors=[])
    tally = _tally([({"sex": "f"}, "treatment")])
    stream = Stream(SECRET, "minimisation", "2")
    preferred = stream.below(1_000_000) < 800_000
    expected = "control" if preferred else "treatment"  # each pool holds one arm; its draw is below(1)
    assert _minimise.choose(settings, SECRET, tally, {"sex": "f"}, 2) == expected


@pytest.mark.parametrize(
    ("existing", "factors", "position", "message"),
    [
        ([], {"municipality": "Roskilde", "age_band": "18-24", "benefit_type": "x"}, 2, "does not follow"),
        ([], {"municipality": "Roskilde"}, 1, "expected the factors"),
        (
            [({"municipality": "R", "age_band": "a", "benefit_type": "b"}, "placebo")],
            {"municipality": "R", "age_band": "a", "benefit_type": "b"},
            2,
            "unknown arm",
        ),
        ([], {"municipality": "", "age_band": "a", "benefit_type": "b"}, 1, "non-empty"),
    ],
)
def test_inconsistent_calls_are_refused(existing, factors, position, message):
    with pytest.raises(RandomisationInputError, match=message):
        minimise(_settings(), SECRET, existing, factors, position)


def test_permuted_block_functions_refuse_a_minimisation_trial_and_back():
    from nextwork.randomisation import sequence

    with pytest.raises(RandomisationInputError, match="minimise"):
        sequence(_settings(), SECRET, "x", 3)
    blocks = load_settings(
        {
            "method": "permuted_blocks",
            "arms": {"t": 1, "c": 1},
            "block_multiples": [1],
            "secret_sha256": secret_sha256(SECRET),
        }
    )
    with pytest.raises(RandomisationInputError, match="not minimisation"):
        minimise(blocks, SECRET, [], {"a": "b"}, 1)
