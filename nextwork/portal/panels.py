"""What the composed pages show, in order. A new app adds its panel here: one line, no edit to another app.
Each panel names the permission that shows it; a user with several roles sees each panel once."""

from nextwork.companies import panels as companies
from nextwork.companies import panels_links as company_links
from nextwork.devising import panels as devising
from nextwork.events import panels as events
from nextwork.groups import panels as groups
from nextwork.people import panels as people
from nextwork.scorecards import panels as scorecards
from nextwork.trial import panels as trial
from nextwork.wellbeing import panels as wellbeing

# The young person's page (staff).
PERSON_PAGE = (
    people.PERSON_SUMMARY,
    wellbeing.PERSON_CONCERNS,
    people.PERSON_COURSE,
    companies.PERSON_INTERNSHIPS,
    events.PERSON_EVENTS,
    trial.PERSON_TRIAL,
    people.PERSON_FOLLOW_UPS,
    people.PERSON_CONVERSATIONS,
    people.PERSON_PSYCHOLOGIST_NOTES,
    wellbeing.PERSON_WELLBEING,
    groups.PERSON_GROUPS,
    people.PERSON_TIMELINE,
    people.PERSON_PROFILE,
)

# The start page: the panels of all of the user's roles together.
START_PAGE = (
    wellbeing.START_CONCERNS,  # first: a concern about a young person's safety comes before everything
    people.START_AUTHORITY,
    trial.START_TRIAL,
    people.START_MY_YOUNG_PEOPLE,
    events.START_EVENTS,
    wellbeing.START_CHECKINS,
    devising.START_DEVISING,
    people.START_FOLLOW_UPS,
    people.START_UNASSIGNED,
    people.START_CASELOAD,
    companies.START_INTERNSHIP_FIGURES,
    people.START_MUNICIPALITY_FIGURES,
    scorecards.START_FIDELITY,
    wellbeing.START_TREND,
    people.START_NETWORK_FIGURES,
    people.START_RESEARCH,
    people.START_ADMIN,
)

# The company's page: what other apps add to it.
COMPANY_PAGE = (
    events.COMPANY_EVENTS,
    company_links.REPRESENTATIVE_LINKS,
)

# The young person's own page behind the personal link.
SELF_PAGE = (
    groups.SELF_SESSION_TAP,
    groups.SELF_GROUP,
    groups.SELF_AGREEMENT,
    events.SELF_EVENTS,
    wellbeing.SELF_WELLBEING,
    devising.SELF_PROPOSALS,
)

# An experiment of the devising log (nextwork.devising); the indicators before and at the review come from
# nextwork.scorecards (EXPERIMENT_INDICATORS) between the two once it exists.
EXPERIMENT_PAGE = (
    devising.EXPERIMENT_SUMMARY,
    scorecards.EXPERIMENT_INDICATORS,
    devising.EXPERIMENT_REVIEW,
)

# A company representative's own page behind their personal link (nextwork.companies.links).
REPRESENTATIVE_PAGE = (
    devising.REPRESENTATIVE_PROPOSALS,
)
