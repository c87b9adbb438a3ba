#!/usr/bin/env bash
# Debian packages the test suite needs beyond npm: fonts to render the generated
# test faxes, libtiff's tiffcp to write the CCITT Group 3 variants fax servers
# produce (sharp writes only Group 4), and Chromium to drive the console in a
# real browser (playwright-core brings no browser of its own here), and Dovecot's IMAP server for
# the mailbox intake tests (started by test/mailbox/dovecot.ts on a loopback port with its own
# throwaway configuration; the system service is not used). Installs what is missing when run
# as root with apt (CI, the dev machines); otherwise says what to install.
set -euo pipefail
missing=()
command -v tiffcp >/dev/null 2>&1 || missing+=(libtiff-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
[ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ] || missing+=(dovecot-imapd)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${missing[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
  exit 1
fi
