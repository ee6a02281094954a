"""The bridge to the pure randomisation engine (nextwork.randomisation): a trial's settings and secret in the
engine's terms, and the strata this platform uses (municipality x the trial's stratification factors)."""

from nextwork import randomisation

from .choices import Method, age_band


def settings_of(trial) -> "randomisation.Settings":
    return randomisation.load_settings(settings_dict(trial))


def settings_dict(trial) -> dict:
    """The settings as locked at go-live, in the JSON the command-line verifier reads."""
    data = {"method": trial.method, "arms": dict(trial.arms), "secret_sha256": trial.secret_sha256}
    if trial.method == Method.MINIMISATION:
        data["factors"] = factor_names(trial)
    else:
        data["block_multiples"] = list(trial.block_multiples)
    return data


def factor_names(trial) -> list[str]:
    return ["municipality", *trial.strata_factors]


def secret_of(trial) -> bytes:
    return bytes.fromhex(trial.secret)


def new_secret() -> tuple[str, str]:
    """A fresh secret as hex, with its SHA-256 (published at go-live)."""
    secret = randomisation.new_secret()
    return secret.hex(), randomisation.secret_sha256(secret)


def factors_of(trial, *, municipality, age: int, baseline: dict) -> dict[str, str]:
    """The stratification factors' values for one young person, the municipality first."""
    values = {"municipality": municipality.slug}
    for factor in trial.strata_factors:
        if factor == "age_band":
            values[factor] = age_band(age)
        else:
            values[factor] = str(baseline.get(factor, ""))
    return values


def stratum_of(factors: dict[str, str]) -> str:
    return "|".join(factors.values())


def allocate(trial, *, stratum: str, position: int, factors: dict, existing) -> str:
    """The arm for a slot. Permuted blocks: position in the stratum's own sequence. Minimisation: `position`
    is the trial-wide position, `existing` the earlier (factors, arm) pairs (a callable, read under the lock)."""
    settings = settings_of(trial)
    secret = secret_of(trial)
    if trial.method == Method.MINIMISATION:
        return randomisation.minimise(settings, secret, existing(), factors, position)
    return randomisation.arm_at(settings, secret, stratum, position)
