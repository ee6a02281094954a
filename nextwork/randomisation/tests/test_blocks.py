"""Permuted blocks: balanced blocks of the allowed sizes, prefixes, determinism, strata apart."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from nextwork.randomisation import _blocks, arm_at, load_settings, secret_sha256, sequence

from .strategies import block_settings, strata

SECRET = b"a fixed test secret of 32 bytes!"
ONE_TO_ONE = load_settings(
    {
        "method": "permuted_blocks",
        "arms": {"treatment": 1, "control": 1},
        "block_multiples": [1, 2, 3],
        "secret_sha256": secret_sha256(SECRET),
    }
)


def _blocks_of(settings, secret, stratum, count):
    return _blocks.blocks(secret, stratum, tuple(settings.arms.items()), settings.block_multiples, count)


@given(block_settings(), strata)
def test_every_block_holds_a_multiple_of_the_ratio_of_each_arm(drawn, stratum):
    settings, secret = drawn
    for block in _blocks_of(settings, secret, stratum, 12):
        counts = Counter(block)
        multiples = {counts[arm] / ratio for arm, ratio in settings.arms.items()}
        assert len(multiples) == 1, f"block {block} is not balanced to {settings.arms}"
        assert multiples.pop() in settings.block_multiples


@given(block_settings(), strata, st.integers(1, 60), st.integers(0, 60))
def test_a_shorter_sequence_is_a_prefix_of_a_longer_one(drawn, stratum, short, extra):
    settings, secret = drawn
    longer = sequence(settings, secret, stratum, short + extra)
    assert sequence(settings, secret, stratum, short) == longer[:short]
    assert arm_at(settings, secret, stratum, short) == longer[short - 1]


@given(block_settings(), strata, st.integers(1, 80))
def test_at_each_block_end_the_arms_are_in_the_ratio_and_between_ends_never_far_off(drawn, stratum, count):
    settings, secret = drawn
    seq = sequence(settings, secret, stratum, count)
    ends = set()
    end = 0
    for block in _blocks_of(settings, secret, stratum, count):
        end += len(block)
        ends.add(end)
    largest = max(settings.block_multiples)
    for n in range(1, count + 1):
        counts = Counter(seq[:n])
        shares = {counts[a] / r for a, r in settings.arms.items()}
        if n in ends:
            assert len(shares) == 1
        assert max(shares) - min(shares) <= largest


@given(block_settings(), strata, st.integers(1, 40))
def test_the_same_inputs_give_the_same_sequence(drawn, stratum, count):
    settings, secret = drawn
    _blocks._cached_block.cache_clear()
    first = sequence(settings, secret, stratum, count)
    assert [arm_at(settings, secret, stratum, p) for p in range(1, count + 1)] == first
    assert sequence(settings, secret, stratum, count) == first


@hsettings(max_examples=30)
@given(st.binary(min_size=16, max_size=32))
def test_another_secret_gives_another_sequence(other):
    theirs = load_settings({**ONE_TO_ONE.to_json(), "secret_sha256": secret_sha256(other)})
    if other != SECRET:
        assert sequence(theirs, other, "s", 200) != sequence(ONE_TO_ONE, SECRET, "s", 200)


def test_different_strata_agree_about_as_often_as_chance():
    reference = sequence(ONE_TO_ONE, SECRET, "Roskilde|18-24|A", 2000)
    for other in ("Roskilde|18-24|B", "Roskilde|25-29|A", "Fredericia|18-24|A", "Roskilde|18-24|A "):
        theirs = sequence(ONE_TO_ONE, SECRET, other, 2000)
        agree = sum(a == b for a, b in zip(reference, theirs, strict=True)) / 2000
        assert 0.45 < agree < 0.55, (other, agree)


def test_over_many_blocks_every_multiple_occurs_about_equally_often():
    sizes = Counter(len(b) for b in _blocks_of(ONE_TO_ONE, SECRET, "x", 3000))
    assert set(sizes) == {2, 4, 6}
    assert all(900 < n < 1100 for n in sizes.values()), sizes


def test_two_to_one_with_multiple_two_gives_four_treatment_and_two_control():
    settings = load_settings(
        {**ONE_TO_ONE.to_json(), "arms": {"treatment": 2, "control": 1}, "block_multiples": [2]}
    )
    for block in _blocks_of(settings, SECRET, "x", 50):
        assert Counter(block) == {"treatment": 4, "control": 2}
    seq = sequence(settings, SECRET, "x", 600)
    assert seq.count("treatment") == 400


def test_every_order_of_a_block_of_four_occurs_about_equally_often():
    settings = load_settings({**ONE_TO_ONE.to_json(), "block_multiples": [2]})
    orders = Counter(_blocks_of(settings, SECRET, "x", 6000))
    assert len(orders) == 6  # the 4!/(2!2!) arrangements
    assert all(850 < n < 1150 for n in orders.values()), orders
