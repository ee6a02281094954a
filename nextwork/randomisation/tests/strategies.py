"""Hypothesis strategies: settings for permuted blocks with their secret, and stratum names."""

from __future__ import annotations

from hypothesis import strategies as st

from nextwork.randomisation import Settings, secret_sha256

strata = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)


@st.composite
def block_settings(draw) -> tuple[Settings, bytes]:
    secret = draw(st.binary(min_size=16, max_size=48))
    n_arms = draw(st.integers(2, 4))
    names = ["treatment", "control", "arm c", "arm d"][:n_arms]
    arms = {name: draw(st.integers(1, 3)) for name in names}
    multiples = draw(st.lists(st.integers(1, 4), min_size=1, max_size=4, unique=True))
    return Settings("permuted_blocks", arms, secret_sha256(secret), tuple(multiples)), secret
