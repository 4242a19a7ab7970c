"""The style gallery in docs-dev/styles.md is what scripts/style-gallery renders today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_style_gallery_is_up_to_date():
    process = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "style-gallery"), "--check"],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )
    assert process.returncode == 0, process.stderr + process.stdout


def test_gallery_shows_every_kind_of_style():
    page = (REPO / "docs-dev" / "styles.md").read_text(encoding="utf-8")
    gallery = page.split("<!-- gallery:start -->")[1].split("<!-- gallery:end -->")[0]
    for style in ("harvard", "chicago-author-date", "chicago-notes-bibliography", "apa",
                  "modern-language-association", "ieee", "harvard-cite-them-right"):
        assert f"`style: {style}`" in gallery
    assert "S. 5" in gallery and "Verfügbar unter" in gallery  # the German locale
    assert "[1, p. 5]" in gallery  # numeric
    assert "\n1. Sergey Radchenko, *Two Suns in the Heavens" in gallery  # a note style's full first note
