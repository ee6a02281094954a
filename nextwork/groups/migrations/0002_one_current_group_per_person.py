"""One current group per young person, as a partial unique constraint. Rows that simultaneous requests left
behind (a young person current in two groups) are closed first: the earliest added of the most recent joins
stays current, the others end on the day the kept one began (reason "other"), so history is kept."""

from django.conf import settings
from django.db import migrations, models


def close_extra_current_memberships(apps, schema_editor):
    Membership = apps.get_model("groups", "Membership")
    current = Membership.objects.filter(left_on__isnull=True)
    doubled = (current.values("person_id").annotate(n=models.Count("pk")).filter(n__gt=1)
               .values_list("person_id", flat=True))
    for person_id in list(doubled):
        rows = list(current.filter(person_id=person_id).order_by("-joined_on", "pk"))
        kept = rows[0]
        for row in rows[1:]:
            row.left_on = max(row.joined_on, kept.joined_on)
            row.leave_reason = "other"
            row.save(update_fields=["left_on", "leave_reason"])


class Migration(migrations.Migration):

    dependencies = [
        ('groups', '0001_initial'),
        ('people', '0002_legal_sex'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(close_extra_current_memberships, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.UniqueConstraint(condition=models.Q(('left_on__isnull', True)), fields=('person',),
                                               name='one_current_group_per_person'),
        ),
    ]
