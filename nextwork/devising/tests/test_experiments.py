"""The devising log's rules: an experiment's three questions, its dates, its review and its history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from nextwork.core.errors import DomainError
from nextwork.devising.choices import ExperimentStatus, LogFilter
from nextwork.devising.selectors import filtered_log, log_counts
from nextwork.devising.services import experiments

from .conftest import TODAY, content

pytestmark = pytest.mark.django_db


def test_an_experiment_is_running_in_the_team_leads_municipality_with_its_history(experiment, team_lead):
    assert experiment.status == ExperimentStatus.RUNNING
    assert experiment.municipality_id == team_lead.municipality_id
    assert experiment.principles == ["many_to_many", "power_shift"]  # in the principles' own order
    assert [change.kind for change in experiment.changes.all()] == ["created"]


@pytest.mark.parametrize(("field", "overrides"), [
    ("title", {"title": "  "}), ("principles", {"principles": []}), ("principles", {"principles": ["speed"]}),
    ("why", {"why": ""}), ("expected", {"expected": "x\x00"}), ("indicators", {"indicators": ["no_such"]}),
])
def test_each_of_the_three_questions_is_required_and_nothing_is_saved_without_it(team_lead, field, overrides):
    with pytest.raises(DomainError) as error:
        experiments.experiment_create(actor=team_lead, **content(**overrides), starts_on=TODAY,
                                      review_on=TODAY + dt.timedelta(days=30))
    assert error.value.field == field
    assert not experiments.Experiment.objects.exists()


def test_the_review_comes_after_the_start_and_within_two_years(team_lead):
    with pytest.raises(DomainError, match="after the start"):
        experiments.experiment_create(actor=team_lead, **content(), starts_on=TODAY,
                                      review_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(DomainError, match="two years"):
        experiments.experiment_create(actor=team_lead, **content(), starts_on=TODAY,
                                      review_on=TODAY + dt.timedelta(days=800))


def test_a_caseworker_or_manager_may_not_write_the_log(team):
    for role in ("caseworker", "manager"):
        with pytest.raises(PermissionDenied):
            experiments.experiment_create(actor=team[role], **content(), starts_on=TODAY,
                                          review_on=TODAY + dt.timedelta(days=30))


def test_the_review_records_what_was_seen_and_the_decision_once(experiment, psychologist):
    reviewed = experiments.experiment_review(actor=psychologist, experiment=experiment,
                                             observed="Two of them led it; more talked.", decision="keep")
    assert (reviewed.status, reviewed.decision, reviewed.reviewed_on) == (ExperimentStatus.REVIEWED, "keep", TODAY)
    assert reviewed.changes.first().kind == "reviewed"
    with pytest.raises(DomainError, match="running"):
        experiments.experiment_review(actor=psychologist, experiment=reviewed, observed="again", decision="drop")


def test_a_review_needs_a_decision_and_what_was_seen(experiment, team_lead):
    with pytest.raises(DomainError) as error:
        experiments.experiment_review(actor=team_lead, experiment=experiment, observed="Saw it", decision="maybe")
    assert error.value.field == "decision"
    with pytest.raises(DomainError) as error:
        experiments.experiment_review(actor=team_lead, experiment=experiment, observed=" ", decision="keep")
    assert error.value.field == "observed"
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.RUNNING


def test_a_change_is_written_to_the_history_and_a_reviewed_experiment_no_longer_changes(experiment, team_lead):
    experiments.experiment_update(actor=team_lead, experiment=experiment, **content(title="Hosts rotate weekly"),
                                  starts_on=experiment.starts_on, review_on=experiment.review_on)
    assert experiment.changes.first().summary == "title"
    experiments.experiment_review(actor=team_lead, experiment=experiment, observed="ok", decision="adjust")
    with pytest.raises(DomainError, match="adjusted one"):
        experiments.experiment_update(actor=team_lead, experiment=experiment, **content(),
                                      starts_on=experiment.starts_on, review_on=experiment.review_on)


def test_the_log_filters_running_due_and_reviewed(make_experiment, team_lead):
    running = make_experiment(title="Running", review_in_days=10)
    due = make_experiment(title="Due", review_in_days=0)
    reviewed = make_experiment(title="Reviewed")
    experiments.experiment_review(actor=team_lead, experiment=reviewed, observed="ok", decision="drop")
    all_ = experiments.Experiment.objects.all()
    assert list(filtered_log(all_, LogFilter.RUNNING, today=TODAY)) == [running]
    assert list(filtered_log(all_, LogFilter.DUE, today=TODAY)) == [due]
    assert list(filtered_log(all_, LogFilter.REVIEWED, today=TODAY)) == [reviewed]
    assert log_counts(all_, today=TODAY) == {"running": 1, "due": 1, "reviewed": 1, "proposed": 0, "all": 3}


def test_the_small_demo_has_a_reviewed_a_running_and_a_due_experiment_proposals_meetings_and_shared_practices():
    from nextwork.demo.builder import DemoBuilder
    from nextwork.devising.models import DevisingMeeting, Proposal, SharedPractice

    DemoBuilder(scale="small").build()
    for municipality_id in experiments.Experiment.objects.values_list("municipality_id", flat=True).distinct():
        mine = experiments.Experiment.objects.filter(municipality_id=municipality_id)
        assert filtered_log(mine, LogFilter.REVIEWED, today=TODAY).get().decision == "keep"
        assert filtered_log(mine, LogFilter.DUE, today=TODAY).count() == 1
        assert filtered_log(mine, LogFilter.RUNNING, today=TODAY).count() == 1
        assert filtered_log(mine, LogFilter.PROPOSED, today=TODAY).count() == 1
        assert DevisingMeeting.objects.filter(municipality_id=municipality_id).count() == 2
        assert {p.from_young_person for p in Proposal.objects.filter(municipality_id=municipality_id)} == {True,
                                                                                                          False}
    assert SharedPractice.objects.count() == 2
