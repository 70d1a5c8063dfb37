"""Production settings come from the environment; check them in a fresh interpreter each time."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = "k3y-" + "x9Qv7pLm2Zr8Tn4Wb6Yc1Hd5Jf0Gs3Ka" * 2


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "CACHE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def deploy_check(**env: str) -> subprocess.CompletedProcess:
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="quotes.example.org",
        **env,
    )


def test_deploy_check_is_clean_with_debug_off_and_a_real_secret_key():
    result = deploy_check(CACHE_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_warns_without_a_cache_shared_between_workers():
    result = deploy_check()
    assert result.returncode != 0
    assert "quotes.W001" in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="quotes.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_security_headers_are_sent(client):
    response = client.get("/admin/login/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
