from django.db import migrations


def seed_calendar(apps, schema_editor):
    from proposals.calendar_seed import package_years, seed

    CalendarDay = apps.get_model("proposals", "CalendarDay")
    years = [y for y in package_years() if y >= 2015]
    seed(CalendarDay, years)


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(seed_calendar, migrations.RunPython.noop)]
