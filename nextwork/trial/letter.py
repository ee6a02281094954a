"""The letter to the young person after the draw, in plain language, as PDF and as text for digital post.

Written with what young people told the first evaluation in mind: the draw felt like "being pulled out of a
bingo bag", and a letter about Mondays at NExTWORK broke a good plan they had just made with their
caseworker. So the letter says why there is a draw, that it says nothing about them, and that nothing they
are doing now is broken off. The English strings are the source; the Danish wording is in docs/trial.md."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import Arm
from .models import Participant

STYLESHEET = Path(__file__).resolve().parent / "static" / "trial" / "letter.css"


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Letter:
    title: str
    greeting: str
    sections: list[Section]
    signature: list[str]

    def as_text(self) -> str:
        parts = [self.title, "", self.greeting, ""]
        for section in self.sections:
            parts += [section.heading, *section.paragraphs, ""]
        return "\n".join(parts + self.signature).strip() + "\n"


def _why() -> Section:
    return Section(_("Why is there a draw?"), [
        _("Your municipality is trying out a new way of helping young people into work or education. It is "
          "called NExTWORK. We want to know honestly whether it helps more than the help the municipality "
          "already gives. The only fair way to find out is to compare two groups of young people who are "
          "alike, and to let chance decide who is in which group."),
        _("So no person chose your group, not your caseworker and not you. A computer program did, in the same "
          "way for everyone, and the draw can be checked afterwards. It says nothing about you or about what "
          "you can do."),
    ])


def _treatment(participant: Participant) -> list[Section]:
    meeting = getattr(participant, "handover", None)
    if meeting is not None:
        when = date_format(meeting.meets_on, "DATE_FORMAT")
        meet = _("%(caseworker)s and a NExTWORK consultant will meet you on %(date)s. Together you talk about "
                 "what you are doing now and what you want.") % {"caseworker": meeting.previous_caseworker,
                                                                  "date": when}
    else:
        meet = _("Your caseworker and a NExTWORK consultant will meet you soon. Together you talk about what you "
                 "are doing now and what you want.")
    return [
        Section(_("You have been offered NExTWORK"), [
            _("NExTWORK is a team that helps you find a workplace where you can try things out, meet other young "
              "people in a network group, and move towards a job or an education at a pace that works for you."),
        ]),
        Section(_("What happens now"), [
            meet,
            _("If you already have a plan, an internship or something else under way, it is not broken off. We "
              "bring it along. Nothing new starts before you have talked with us."),
            _("If it feels like too much, say so. We would rather hear it than have you drop out."),
        ]),
    ]


def _control() -> list[Section]:
    return [
        Section(_("You continue with the help you have now"), [
            _("You keep your caseworker and the plan you have made together. Nothing is taken away from you, "
              "and you do not have to do anything because of the trial."),
        ]),
        Section(_("Why you still matter to the trial"), [
            _("We learn whether NExTWORK works by comparing how things go for both groups over the next years. "
              "For that we use information the municipality and the authorities already have, for example "
              "whether you are in work or education. Researchers see it without your name."),
            _("During the trial, the places in NExTWORK go to the group chosen by the draw. The results are "
              "published when the trial is over, whatever they show."),
        ]),
    ]


def letter_for(participant: Participant) -> Letter:
    sections = [_why()]
    sections += _treatment(participant) if participant.arm == Arm.TREATMENT else _control()
    sections.append(Section(_("Questions"), [
        _("You are always welcome to ask your caseworker about the trial, about your data, or if you do not want "
          "your information used in the research."),
    ]))
    entered_by = participant.entered_by
    return Letter(
        title=_("The NExTWORK trial: what happens now"),
        greeting=_("Dear %(name)s,") % {"name": participant.first_name},
        sections=sections,
        signature=[_("Kind regards,"), entered_by.get_full_name() or entered_by.username,
                   str(participant.municipality)],
    )


def letter_text(participant: Participant) -> str:
    with translation.override("da"):
        return letter_for(participant).as_text()


def letter_pdf(participant: Participant, *, today: dt.date | None = None) -> bytes:
    from weasyprint import CSS, HTML  # imported here: loading pango costs a second nobody else should pay

    with translation.override("da"):
        html = render_to_string("trial/pdf/letter.html", {
            "letter": letter_for(participant), "participant": participant, "today": today or dt.date.today()})
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1",
                                       pdf_tags=True)
