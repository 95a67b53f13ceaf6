"""What a fresh clone does to its own working tree: the README's commands and the editable install."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_outputs() -> list[str]:
    """Files and folders the README's shell examples write, relative to the repository root."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, re.S)
    found = set()
    for block in blocks:
        found |= set(re.findall(r"(?:-o|--output|--home|--store)\s+([^\s;|&`]+)", block))
    return sorted(p for p in found if not p.startswith(("$", "/")))


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs a git checkout")
@pytest.mark.parametrize("path", sorted({"graph.ttl", ".neo4j-home/", ".neo4j/", "kg-store/", "out/demo/graph.ttl",
                                         *_readme_outputs()}))
def test_what_the_readme_writes_is_ignored_by_git(path: str) -> None:
    result = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT, check=False)
    assert result.returncode == 0, f"{path} would show up as an untracked file"


def test_the_editable_install_is_a_plain_path_entry() -> None:
    """setuptools prints a warning box for an editable install it does through an import hook; a package
    at the root of a `package-dir = {"" = "."}` layout gets a plain .pth line instead, silently."""
    editable = pytest.importorskip("setuptools.command.editable_wheel")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_dir = config["tool"]["setuptools"].get("package-dir", {})
    assert set(package_dir) == {""}, "setuptools chooses its static .pth strategy only for a root package-dir"
    packages = ["kg", *[f"kg.{p.name}" for p in (ROOT / "kg").iterdir() if (p / "__init__.py").exists()]]
    assert editable._simple_layout(packages, package_dir, ROOT)
