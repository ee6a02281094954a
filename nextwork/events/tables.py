"""The stored table plan in the shapes the page and the PDF print: per table and per young person."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSheet:
    company: object
    rounds: list[list[object]]  # round by round: the young people at the table


@dataclass(frozen=True)
class YouthSlip:
    person: object
    visits: list[tuple[int, object | None]]  # (round, company or None for a break)


def sheets(event, people_by_id: dict, companies_by_id: dict) -> tuple[list[TableSheet], list[YouthSlip]]:
    if not event.table_plan:
        return [], []
    rounds = event.table_plan["plan"]["rounds"]
    tables: dict[str, list[list[object]]] = {}
    visits: dict[int, dict[int, object]] = {}
    for round_ in rounds:
        for seating in round_["tables"]:
            company_id = int(seating["table"][1:])
            people = [people_by_id[int(y[1:])] for y in seating["youth"] if int(y[1:]) in people_by_id]
            tables.setdefault(company_id, []).append(people)
            for person in people:
                visits.setdefault(person.pk, {})[round_["round"]] = companies_by_id.get(company_id)
    table_sheets = [TableSheet(companies_by_id[c], rows) for c, rows in tables.items() if c in companies_by_id]
    slips = [YouthSlip(people_by_id[p], [(r["round"], visits[p].get(r["round"])) for r in rounds])
             for p in sorted(visits, key=lambda pk: people_by_id[pk].full_name)]
    return sorted(table_sheets, key=lambda s: s.company.name), slips
