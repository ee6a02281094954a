"""The shape of one app's part in erasure after the retention period (`manage.py erase_expired`). The list
of steps is in nextwork/portal/erasure.py; a test there fails when a model points to a young person or a
course and no step covers it (nor the list of models that hold no free text)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Erasure:
    """What was done to one record: the line the command prints and the summary of its audit row."""

    object_type: str
    object_id: int
    municipality_id: int
    summary: str


@dataclass(frozen=True)
class ErasureStep:
    """`covers`: the ("app_label.Model", "field") foreign keys to a young person or a course whose rows this
    step erases.
    `pending()`: a queryset of the ids of young people for whom this step still has something to erase (a
    blanked young person, or one with an erased course, whose free text is still there). Asking the data
    rather than a list of people blanked tonight makes the step idempotent and catches up with what an older
    run left behind.
    `erase(person)`: erases it for one young person inside the caller's transaction and says in one line
    what was done ("" when nothing was left).
    `sweep(today, cutoff)`: optional; erases records that belong to no young person (a trial's control
    participants) and returns one Erasure per record."""

    label: str
    covers: tuple[tuple[str, str], ...]
    pending: Callable[[], object]
    erase: Callable[[object], str]
    sweep: Callable[..., list[Erasure]] | None = None
