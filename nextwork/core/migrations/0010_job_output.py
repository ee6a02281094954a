from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0009_backup_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="output",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="job",
            name="output_name",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
    ]
