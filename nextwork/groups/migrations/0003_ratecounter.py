"""The personal-link rate limit counts in the database, so every worker process shares the counters."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("groups", "0002_one_current_group_per_person"),
    ]

    operations = [
        migrations.CreateModel(
            name="RateCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=200)),
                ("window_start", models.DateTimeField()),
                ("expires_at", models.DateTimeField(db_index=True)),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("key", "window_start"),
                                                        name="one_counter_per_key_window")],
            },
        ),
    ]
