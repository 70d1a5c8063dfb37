import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_ensure_superuser_generates_a_password_once(capsys):
    call_command("ensure_superuser")
    first = capsys.readouterr().out
    password = re.search(r"with password (\S+)", first).group(1)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert len(password) >= 16

    call_command("ensure_superuser")
    assert password not in capsys.readouterr().out
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_admin_lists_every_model(admin_client):
    for path in [
        "quotes/quote",
        "quotes/person",
        "quotes/organisation",
        "quotes/affiliation",
        "articles/article",
    ]:
        assert admin_client.get(f"/admin/{path}/").status_code == 200
