"""The theme's fonts are served from the site itself (issue 16): the stylesheets name only font
files that are vendored, every vendored font file is named (only the subsets and weights the
site uses are shipped), the @font-face families are the ones the theme's tokens ask for, and the
PDFs embed the same fonts."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

from leerkring.core.rendering.pdf import BASE_URL, render_pdf

STATIC = Path(settings.BASE_DIR) / "static"
FONTS = STATIC / "vendor" / "nlds" / "fonts"
URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def _font_urls() -> dict[Path, set[Path]]:
    """For each of our stylesheets, the font files its url()s point at, resolved on disk."""
    found = {}
    for css in sorted((STATIC / "css").glob("*.css")):
        urls = {u for u in URL.findall(css.read_text()) if u.endswith((".woff2", ".woff", ".ttf"))}
        found[css] = {(css.parent / u).resolve() for u in urls}
    return found


def test_the_stylesheets_name_only_font_files_that_exist():
    named = set().union(*_font_urls().values())
    assert named, "no stylesheet declares a font"
    missing = sorted(str(p) for p in named if not p.is_file())
    assert missing == []


def test_every_vendored_font_file_is_used_and_has_its_licence():
    named = set().union(*_font_urls().values())
    vendored = {p.resolve() for p in FONTS.glob("*.woff2")}
    assert vendored == named
    assert {p.name for p in FONTS.glob("LICENSE*")} == {
        "LICENSE-noto-sans.txt",
        "LICENSE-noto-serif.txt",
    }
    assert "SIL Open Font License" in (FONTS / "LICENSE-noto-sans.txt").read_text()


def test_the_font_faces_are_the_families_the_theme_asks_for():
    theme = (STATIC / "vendor" / "nlds" / "voorbeeld-theme.css").read_text()
    asked = {
        re.search(rf"--{token}:\s*'([^']+)'", theme).group(1)
        for token in ("basis-text-font-family-default", "basis-heading-font-family")
    }
    fonts_css = (STATIC / "css" / "fonts.css").read_text()
    declared = set(re.findall(r'font-family:\s*"([^"]+)"', fonts_css))
    assert asked == {"Noto Sans", "Noto Serif"}
    assert declared == asked
    assert fonts_css.count("font-display: swap") == fonts_css.count("@font-face")


def test_a_pdf_embeds_the_noto_fonts(tmp_path):
    html = (
        f'<html lang="nl"><head><title>Lettertypen</title>'
        f'<link rel="stylesheet" href="{BASE_URL}static/css/pdf.css"></head>'
        "<body><main><h2>Kop</h2><p>Gewone tekst, <em>schuin</em>, <strong>vet</strong>, "
        "Łódź en Ærø.</p></main></body></html>"
    )
    pdf, _pages = render_pdf(html)
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    for face in ("+Noto-Sans ", "+Noto-Sans-Italic ", "+Noto-Sans-Bold ", "+Noto-Serif-Bold "):
        assert face in fonts, fonts
    assert "DejaVu" not in fonts, fonts
