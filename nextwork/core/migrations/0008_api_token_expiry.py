"""API tokens expire: new tokens after 90 days by default; existing tokens 90 days after they were created.
`last_used_at` is shown on the token page."""

import datetime as dt

from django.db import migrations, models

import nextwork.core.models


def expire_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("core", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + dt.timedelta(days=90))


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0007_job"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="apitoken",
            options={"ordering": ["-created_at", "-pk"], "verbose_name": "API token",
                     "verbose_name_plural": "API tokens"},
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(default=nextwork.core.models.api_token_default_expiry),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="last_used_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
