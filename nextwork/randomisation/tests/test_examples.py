"""The module docstring and the worked examples in docs/randomisation.md, checked against the code."""

from __future__ import annotations

import doctest
import hashlib
import hmac
import re
from pathlib import Path

import nextwork.randomisation
from nextwork.randomisation import _blocks, load_settings, minimise, secret_sha256, sequence
from nextwork.randomisation._stream import Stream

DOC = (Path(__file__).resolve().parents[3] / "docs" / "randomisation.md").read_text(encoding="utf-8")
SECRET = b"an example secret, never use it!"
STRATUM = "Roskilde|18-24|kontanthjaelp"
SETTINGS = load_settings(
    {
        "method": "permuted_blocks",
        "arms": {"treatment": 1, "control": 1},
        "block_multiples": [1, 2, 3],
        "secret_sha256": secret_sha256(SECRET),
    }
)


def test_the_docstring_example_runs():
    failures, _ = doctest.testmod(nextwork.randomisation)
    assert failures == 0


def test_the_documented_hash_and_first_hmac_are_right():
    assert secret_sha256(SECRET) == "46d31b9f523769116d1863ed54f31cfb026e26bed5d5aaed4f135a2d5d1ede8a"
    assert secret_sha256(SECRET) in DOC
    first = hmac.new(SECRET, f"block\x1f{STRATUM}\x1f1\x1f0".encode(), hashlib.sha256).hexdigest()
    assert first == "0486b3c17a05d4d204bd410ee77805ec07c371ca3b4947614930527082505133"
    assert first in DOC


def test_the_documented_words_are_the_stream_words():
    stream = Stream(SECRET, "block", STRATUM, "2")
    words = [stream._next_word() for _ in range(4)]
    assert words == [8975731443442331944, 11992347804190339996, 13601255573716406567, 2992406082740935808]
    assert all(str(w) in DOC for w in words)


def test_the_documented_blocks_and_sequence_are_derived():
    arms = tuple(SETTINGS.arms.items())
    assert _blocks.blocks(SECRET, STRATUM, arms, (1, 2, 3), 3) == [
        ("control", "treatment"),
        ("treatment", "control", "control", "treatment"),
        ("treatment", "control", "control", "treatment", "control", "treatment"),
    ]
    documented = re.search(r"```\n((?:control|treatment)(?: (?:control|treatment))+)\n```", DOC).group(1)
    assert sequence(SETTINGS, SECRET, STRATUM, 12) == documented.split()


def test_the_documented_minimisation_example_is_derived():
    settings = load_settings(
        {
            "method": "minimisation",
            "arms": {"treatment": 1, "control": 1},
            "secret_sha256": secret_sha256(SECRET),
            "factors": ["municipality", "age_band"],
        }
    )
    people = [("Roskilde", "18-24"), ("Roskilde", "25-29"), ("Fredericia", "18-24"), ("Roskilde", "18-24")]
    allocated = []
    for position, (municipality, age) in enumerate(people, 1):
        factors = {"municipality": municipality, "age_band": age}
        allocated.append((factors, minimise(settings, SECRET, allocated, factors, position)))
    arms = [arm for _, arm in allocated]
    assert arms == ["control", "treatment", "treatment", "treatment"]
    table = re.findall(r"^\| (\d) \| .* \| (control|treatment) \|$", DOC, re.MULTILINE)
    assert table == [(str(p), arm) for p, arm in enumerate(arms, 1)]
