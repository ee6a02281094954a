"""Timeline lines are stored as a message (the English source, marked with gettext_noop) and its
parameters, and rendered in the reader's language; codes such as a status are turned into their label at
that moment too. `summary` keeps the text in the team's working language for exports and older entries."""

from django.utils.translation import gettext

from .choices import ConversationKind, CourseStatus, ExitType, FollowUpOutcome

CHOICE_PARAMS = {"status": CourseStatus, "exit": ExitType, "outcome": FollowUpOutcome,
                 "conversation_kind": ConversationKind}


def render_message(message: str, params: dict) -> str:
    values = {key: _value(key, value) for key, value in params.items()}
    text = gettext(message)
    return text % values if values else text


def _value(key: str, value):
    if key in CHOICE_PARAMS and value in CHOICE_PARAMS[key].values:
        return str(CHOICE_PARAMS[key](value).label)
    if key == "fields":  # names of a young person's fields, e.g. ["phone", "address"]
        from .models import YoungPerson

        return ", ".join(str(YoungPerson._meta.get_field(name).verbose_name) for name in value)
    return value
