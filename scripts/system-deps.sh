#!/usr/bin/env bash
# Debian packages the tests need: Chromium for the browser tests (Playwright may not download
# its own browser here), poppler-utils to read PDFs back, gettext for translations, fonts
# so pages and PDFs render the same on every machine, and LibreOffice Writer (without its
# desktop) to export an ordinary PDF that the upload check must accept. The site itself needs
# none of LibreOffice: pikepdf's wheel carries qpdf. PgBouncer: the tests run product work
# through it in transaction mode (tests/leerkring/test_pgbouncer.py; docs/deploy.md).
set -euo pipefail
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
packages=(chromium poppler-utils gettext fonts-dejavu-core libreoffice-writer-nogui pgbouncer)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
