#!/bin/sh
# After Rung is installed: the shared MIME database learns *.rungcase
# (/usr/share/mime/packages/rung.xml) and the desktop entries' cache learns that Rung
# opens application/x-rung-case. Debian's triggers do the same later; this makes it so
# at once. Neither tool is required: without them, the file type waits for the next
# update of the databases.
set -e
if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
exit 0
