"""What a new user meets first: `make demo` on a fresh clone must find somewhere to put SQLite."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_embedded_database_works_in_a_clone_with_no_var_folder(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT / "config", clone / "config")
    shutil.copy(ROOT / "manage.py", clone / "manage.py")
    (clone / "joinedup").symlink_to(ROOT / "joinedup")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "JOINEDUP_DEMO": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "--plan"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "unable to open database file" not in result.stderr
    assert (clone / "var" / "joinedup.sqlite3").exists()
