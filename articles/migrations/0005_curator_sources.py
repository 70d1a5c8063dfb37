"""Curators follow outlets: they add, edit, pause and remove sources, and see what each poll found."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_GROUP = "curator"
PERMISSIONS = [
    ("source", ["view", "change", "add", "delete"]),
    ("sourceentry", ["view"]),
]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    for model, actions in PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        permissions = list(
            Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)
        )
        if len(permissions) != len(codenames):
            raise RuntimeError(f"Permissions missing for the curator group: {codenames}")
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=CURATOR_GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", content_type__model__in=["source", "sourceentry"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_sources"),
        ("quotes", "0003_curator_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
