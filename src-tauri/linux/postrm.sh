#!/bin/sh
# After Rung is removed: the shared MIME database forgets *.rungcase
# (rung.xml is gone) and the desktop entries' cache forgets that Rung
# opened application/x-rung-case. Debian's triggers do the same later; this makes it so
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
