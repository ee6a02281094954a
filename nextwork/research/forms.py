from django import forms
from django.utils.translation import gettext_lazy as _

from nextwork.core.forms import DesignSystemFormMixin

from . import outcomes as known
from .models import RegisterImport
from .services import imports, plans


class PlanForm(DesignSystemFormMixin, forms.Form):
    outcomes = forms.MultipleChoiceField(label=_("Outcomes"), widget=forms.CheckboxSelectMultiple,
                                         help_text=_("The outcomes the trial is judged on (Holm's adjustment runs "
                                                     "across them)."))
    horizon_weeks = forms.IntegerField(label=_("Horizon (weeks after randomisation)"), min_value=1,
                                       max_value=plans.MAX_HORIZON, initial=130,
                                       help_text=_("The week the outcomes are read at; 130 weeks is 2.5 years."))
    covariates = forms.MultipleChoiceField(label=_("Baseline covariates"), required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           choices=[(k, v) for k, v in known.COVARIATES.items()])
    subgroups = forms.MultipleChoiceField(label=_("Subgroups"), required=False, widget=forms.CheckboxSelectMultiple,
                                          choices=[(k, v) for k, v in known.SUBGROUPS.items()], initial=["municipality"])
    ri_draws = forms.IntegerField(label=_("Randomisation-inference draws"), min_value=0, max_value=plans.MAX_DRAWS,
                                  initial=10_000)
    seed = forms.IntegerField(label=_("Seed of the draws"), min_value=0, max_value=2**31 - 1, initial=1)
    text = forms.CharField(label=_("The plan in words"), required=False, max_length=plans.MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Hypotheses, the primary outcome, how attrition and crossovers are handled."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = known.outcome_choices()


class ImportForm(DesignSystemFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("The file holds"), choices=RegisterImport.Kind.choices)
    file = forms.FileField(label=_("Register extract (CSV or Parquet)"),
                           help_text=_("Weekly panel: person_id,week,status[,earnings]. Events: person_id,week,event. "
                                       "person_id is the research ID."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > imports.MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large (at most %(mb)d MB).")
                                        % {"mb": imports.MAX_FILE_BYTES // 2**20})
        return upload


class ReportForm(DesignSystemFormMixin, forms.Form):
    outcomes = forms.MultipleChoiceField(label=_("Outcomes (leave empty for the plan's)"), required=False,
                                         widget=forms.CheckboxSelectMultiple,
                                         help_text=_("Any outcome or horizon other than the plan's is flagged as "
                                                     "a deviation in the report."))
    horizon_weeks = forms.IntegerField(label=_("Horizon in weeks (leave empty for the plan's)"), required=False,
                                       min_value=1, max_value=plans.MAX_HORIZON)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcomes"].choices = known.outcome_choices()
