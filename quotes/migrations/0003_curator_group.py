"""The `curator` group: reviews, edits, merges, imports and exports quotations, people,
organisations and articles; manages no users (it holds no auth permission at all)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATOR_GROUP = "curator"

# (app label, model, actions). Quotations and articles are rejected, not deleted — a deleted
# quotation would come back on the next extraction — so curators get no delete on them. Merging
# people and organisations deletes the merged ones, hence delete there; aliases and affiliations are
# edited inline, which deletes rows too.
CURATOR_PERMISSIONS = [
    ("quotes", "quote", ["view", "change", "add", "import", "export"]),
    ("quotes", "person", ["view", "change", "add", "delete", "import", "export"]),
    ("quotes", "personalias", ["view", "change", "add", "delete"]),
    ("quotes", "organisation", ["view", "change", "add", "delete", "import", "export"]),
    ("quotes", "organisationalias", ["view", "change", "add", "delete"]),
    ("quotes", "affiliation", ["view", "change", "add", "delete", "import", "export"]),
    ("articles", "article", ["view", "change", "add", "import", "export"]),
    ("articles", "publication", ["view", "change", "add"]),
]


def create_curator_group(apps, schema_editor):
    # Permissions are normally created after the last migration; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    for app_label, model, actions in CURATOR_PERMISSIONS:
        codenames = [f"{action}_{model}" for action in actions]
        permissions = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {permission.codename for permission in permissions}
        if missing:
            raise RuntimeError(f"Permissions missing for the curator group: {sorted(missing)}")
        group.permissions.add(*permissions)


def remove_curator_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=CURATOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_curation_permissions_and_indexes"),
        ("quotes", "0002_curation_permissions_and_indexes"),
    ]

    operations = [migrations.RunPython(create_curator_group, remove_curator_group)]
