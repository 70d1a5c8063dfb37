"""Curators see statements, merge them and split reports off (quotes/statements.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_GROUP = "curator"
CODENAMES = ["view_statement", "change_statement"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    permissions = list(Permission.objects.filter(content_type__app_label="quotes", codename__in=CODENAMES))
    if len(permissions) != len(CODENAMES):
        raise RuntimeError(f"Permissions missing for the curator group: {CODENAMES}")
    group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CURATOR_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="quotes", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("quotes", "0007_statements")]

    operations = [migrations.RunPython(grant, revoke)]
