"""The demo shows an improving municipality and a flat one, goals, and one open and one closed concern."""

import pytest

from nextwork.core.models import Municipality
from nextwork.demo.builder import DemoBuilder
from nextwork.wellbeing import selectors
from nextwork.wellbeing.models import ConcernFlag, ConcernProcedure, Goal

pytestmark = pytest.mark.django_db


def test_the_small_demo_has_wellbeing_to_show():
    DemoBuilder(scale="small").build()
    roskilde, fredericia = Municipality.objects.get(name="Roskilde"), Municipality.objects.get(name="Fredericia")
    improving = [row["who5_mean"] for row in selectors.municipality_trend(roskilde, 6)]
    flat = [row["who5_mean"] for row in selectors.municipality_trend(fredericia, 6)]
    assert improving[0] is not None and improving[-1] is not None and improving[-1] - improving[0] >= 10
    shown = [value for value in flat if value is not None]
    assert len(shown) >= 4 and max(shown) - min(shown) < 10
    assert Goal.objects.filter(municipality=roskilde).exists()
    assert sorted(ConcernFlag.objects.values_list("status", flat=True)) == ["closed", "open"]
    assert "70 201 201" in ConcernProcedure.objects.get(municipality=roskilde).crisis_numbers
