#!/usr/bin/env bash
# Installs what the test suite needs and a fresh Debian machine lacks: the ncursesw
# headers, tmux, msmtp, strace, curl, openssl and nginx (apt), Python's icalendar, vobject and aiosmtpd (pip),
# and any more Debian packages named as arguments (each one is looked for as a command of
# the same name, e.g. stress-ng). Used by .ci/run and scripts/test-under-load.sh.
set -euo pipefail

need_apt=()
[ -e /usr/include/ncursesw/curses.h ] || need_apt+=(libncursesw5-dev)
# strace: the reliability suite's fault sweep.
for tool in tmux msmtp strace curl openssl "$@"; do
    command -v "$tool" >/dev/null || need_apt+=("$tool")
done
# nginx: the portal behind a TLS reverse proxy (docs/portal-nginx.conf).
[ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import icalendar, vobject, aiosmtpd' 2>/dev/null; then
    echo "installing Python test tools (icalendar, vobject, aiosmtpd)"
    python3 -m pip install -q icalendar vobject aiosmtpd
fi
