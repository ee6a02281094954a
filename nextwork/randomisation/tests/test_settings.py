"""Settings, secrets and verify() from Python, as the trial app uses them."""

from __future__ import annotations

import pytest

from nextwork.randomisation import (
    RandomisationInputError,
    SecretMismatch,
    Settings,
    arm_at,
    load_settings,
    new_secret,
    secret_sha256,
    sequence,
    verify,
)

SECRET = b"a fixed test secret of 32 bytes!"
GOOD = {
    "method": "permuted_blocks",
    "arms": {"treatment": 2, "control": 1},
    "block_multiples": [1, 2],
    "secret_sha256": secret_sha256(SECRET),
}


def test_new_secrets_are_32_random_bytes_and_hashes_are_hex_sha256():
    a, b = new_secret(), new_secret()
    assert len(a) == 32 and a != b
    assert secret_sha256(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_settings_keep_the_order_of_the_arms_and_round_trip_through_json():
    settings = load_settings(GOOD)
    assert list(settings.arms) == ["treatment", "control"]
    assert settings.block_multiples == (1, 2)
    assert load_settings(settings.to_json()) == settings


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"arms": {"treatment": 1}}, "2 to 10 arm names"),
        ({"arms": {"treatment": 1, "control": True}}, "ratio of arm 'control'"),
        ({"arms": {"treatment": 1, "con\x1ftrol": 1}}, "control character"),
        ({"block_multiples": [1, 1]}, "lists a multiple twice"),
        ({"block_multiples": [0]}, "each block multiple"),
        ({"block_multiples": "123"}, "list of whole numbers"),
        ({"secret_sha256": "A" * 64}, "64 lower-case"),
        ({"probability": 1.0}, "below 1"),
        ({"probability": 0.8000001}, "more than 6 decimals"),
        ({"imbalance": "max"}, "'range' or 'variance'"),
    ],
)
def test_bad_settings_say_what_is_wrong(change, message):
    with pytest.raises(RandomisationInputError, match=message):
        load_settings({**GOOD, **change})


def test_a_settings_object_cannot_be_built_invalid():
    with pytest.raises(RandomisationInputError):
        Settings("permuted_blocks", {"t": 1, "c": 1}, secret_sha256(SECRET), ())


def test_the_functions_refuse_another_secret_and_bad_positions():
    settings = load_settings(GOOD)
    with pytest.raises(SecretMismatch):
        arm_at(settings, b"another secret entirely, 32 byte", "x", 1)
    with pytest.raises(RandomisationInputError, match="between 1 and"):
        arm_at(settings, SECRET, "x", 0)
    with pytest.raises(RandomisationInputError, match="non-empty"):
        sequence(settings, SECRET, "", 3)


def test_verify_takes_mappings_and_reports_the_first_mismatch():
    settings = load_settings(GOOD)
    rows = [
        {"stratum": "x", "position": p, "arm": a} for p, a in enumerate(sequence(settings, SECRET, "x", 9), 1)
    ]
    result = verify(settings, SECRET, rows)
    assert result.ok and result.rows == 9 and result.strata == 1
    assert result.arm_counts == {"treatment": 6, "control": 3}
    rows[4] = {**rows[4], "arm": "control" if rows[4]["arm"] == "treatment" else "treatment"}
    result = verify(settings, SECRET, rows)
    assert not result.ok
    assert (result.first_mismatch.line, result.first_mismatch.position) == (6, 5)
    assert not verify(settings, b"wrong", rows).secret_matches
