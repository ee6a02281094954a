from django.conf import settings
from django.utils import translation


def working_language():
    """History texts (timelines) are written in the team's working language, so a course's record reads
    the same for every colleague whatever language their screen is set to."""
    return translation.override(settings.LANGUAGE_CODE)
