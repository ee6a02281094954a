"""The fidelity indicators an experiment can be linked to, read from the pure `nextwork.fidelity` (helper D's
definitions: `INDICATORS`, each with key, name and principle). Read at call time, so the log follows the
definitions as they are."""

from nextwork import fidelity


def all_indicators() -> tuple:
    return tuple(getattr(fidelity, "INDICATORS", ()))


def indicator_choices() -> list[tuple[str, str]]:
    return [(item.key, str(item.name)) for item in all_indicators()]


def indicator_names(keys) -> list[str]:
    names = dict(indicator_choices())
    return [names.get(key, key) for key in keys]


def known_keys() -> set[str]:
    return {item.key for item in all_indicators()}
