#!/usr/bin/env bash
# Installs what the test suite needs and a fresh Debian machine lacks: the ncursesw
# headers, tmux, msmtp, strace, curl, openssl, nginx, chromium, lynx, faketime, wrk, wapiti, calcurse
# and khal (apt), Python's icalendar, vobject, aiosmtpd, recurring-ical-events, pytest, Playwright and
# axe-playwright-python (pip), and any
# more Debian packages named as arguments (each one is looked for as a command of the same
# name, e.g. stress-ng). Used by .ci/run and scripts/test-under-load.sh.
#
# The browser tests (Tests/SchoolGateWebTests/Python) drive Debian's chromium through
# Playwright's executable_path: Playwright's own browser download (`playwright install`) is
# never run. Playwright is pinned (its protocol must suit the chromium it drives), and so is
# axe-playwright-python (it carries axe-core 4.12.1, whose rules the tests answer to).
set -euo pipefail

PLAYWRIGHT_VERSION=1.65.2
AXE_PLAYWRIGHT_VERSION=0.1.8
PYTEST_VERSION=9.0.3

need_apt=()
[ -e /usr/include/ncursesw/curses.h ] || need_apt+=(libncursesw5-dev)
# strace: the reliability suite's fault sweep; chromium and lynx: the portal's browser tests;
# faketime (libfaketime): moves the served portal's clock past a trip's end, from outside it;
# sudo: the service-account deployment, tested with real Unix users; calcurse and khal: real
# calendar programs reading the iCalendar export's recurring events; wrk: the portal's load
# benchmark (bench/portal.sh); wapiti: the portal's scan (scripts/wapiti-scan.py).
for tool in tmux msmtp strace curl openssl chromium lynx faketime sudo calcurse khal wrk wapiti "$@"; do
    command -v "$tool" >/dev/null || need_apt+=("$tool")
done
# nginx: the portal behind a TLS reverse proxy (docs/portal-nginx.conf).
[ -x /usr/sbin/nginx ] || need_apt+=(nginx-light)
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c 'import icalendar, vobject, aiosmtpd, recurring_ical_events' 2>/dev/null; then
    echo "installing Python test tools (icalendar, vobject, aiosmtpd, recurring-ical-events)"
    python3 -m pip install -q icalendar vobject aiosmtpd recurring-ical-events
fi

installed() {  # installed PACKAGE VERSION: true when pip has exactly that version
    [ "$(python3 -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null)" = "$2" ]
}
python_tools=()
python3 -c 'import pytest' 2>/dev/null || python_tools+=("pytest==$PYTEST_VERSION")
installed playwright "$PLAYWRIGHT_VERSION" || python_tools+=("playwright==$PLAYWRIGHT_VERSION")
installed axe-playwright-python "$AXE_PLAYWRIGHT_VERSION" || python_tools+=("axe-playwright-python==$AXE_PLAYWRIGHT_VERSION")
if [ ${#python_tools[@]} -gt 0 ]; then
    echo "installing Python browser-test tools (${python_tools[*]})"
    python3 -m pip install -q "${python_tools[@]}"
fi
