"""The same input gives the same plan; the order of the input lists does not matter."""

from __future__ import annotations

import dataclasses
import json
import random

from hypothesis import given, settings

from nextwork.tableplan import Instance, solve
from nextwork.tableplan._generate import random_event

from .strategies import events


def _shuffled(instance: Instance, seed: int) -> Instance:
    rng = random.Random(seed)
    data = instance.to_json()
    for key in ("tables", "youth", "meetings"):
        if key in data:
            rng.shuffle(data[key])
    for y in data["youth"]:
        rng.shuffle(y["requests"])
        rng.shuffle(y["avoid"])
    return Instance.from_json(json.loads(json.dumps(data)))


def test_the_same_input_gives_the_same_plan():
    instance = random_event(60, 15, rounds=5, seed=4)
    assert solve(instance).to_json() == solve(Instance.from_json(instance.to_json())).to_json()


def test_shuffling_the_input_lists_gives_the_same_plan():
    for instance in (random_event(60, 15, 18, rounds=4, seed=5), random_event(40, 10, meetings=True, seed=6)):
        plan = solve(instance).to_json()
        for s in range(3):
            assert solve(_shuffled(instance, s)).to_json() == plan


@settings(max_examples=40, deadline=None)
@given(events(mode=1))
def test_shuffled_small_events_give_the_same_plan(instance):
    assert solve(_shuffled(instance, 1)).to_json() == solve(instance).to_json()


def test_the_seed_breaks_ties_differently():
    instance = random_event(30, 8, rounds=3, seed=1)
    plans = {json.dumps(solve(dataclasses.replace(instance, seed=s)).to_json()) for s in range(4)}
    assert len(plans) > 1
