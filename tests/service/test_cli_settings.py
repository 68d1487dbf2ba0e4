"""A setting the service cannot start with is said in a line per setting, with exit code 2: the operator got a
screen of traceback from `support-bot serve` or `desk user add` with a placeholder ADMIN_API_TOKEN."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_placeholder_token_is_said_in_a_line_and_the_command_exits_2(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ADMIN_API_TOKEN": "secret",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
    }
    command = ["desk", "user", "add", "anna", "--password-stdin"]
    done = subprocess.run(
        [sys.executable, "-c", "from service.cli import main; main()", *command],
        input="долгий-пароль-2026\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Настройка ADMIN_API_TOKEN: ") and "Traceback" not in done.stderr
