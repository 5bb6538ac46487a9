"""The site's start pages and the README give learners the same commands.

Every command in a shell block of ``docs/<lang>/index.md`` (without its
comment) must also stand in the README, so the two never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHELL_BLOCK = re.compile(r"```(?:bash|sh)\n(.*?)```", re.S)


def commands(text: str) -> set[str]:
    found = set()
    for block in SHELL_BLOCK.findall(text):
        for line in block.splitlines():
            command = line.split("#")[0].strip()
            if command:
                found.add(" ".join(command.split()))
    return found


@pytest.mark.parametrize("lang", ["de", "az"])
def test_start_page_commands_are_in_the_readme(lang):
    readme = " ".join(" ".join(line.split()) for line in
                      (ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    page = commands((ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8"))
    assert {"./grade", "make watch"} <= page
    assert not {command for command in page if command not in readme}
