"""Fixtures of the browser tests (test_browser_*.py): one demo store and one `schoolgate serve`
per test module, one Debian chromium (driven by Playwright) for the whole run, and a fresh
browser context (its own cookies: a parent on their own device) for each test.

Run by Tests/SchoolGateWebTests/BrowserTests.swift (`swift test`), or by hand after
`swift build`:  python3 -m pytest -q Tests/SchoolGateWebTests/Python
The tools come from scripts/install-test-tools.sh."""
import os
import shutil

import pytest

from portal_server import INSTALL_HINT, PortalServer

#: Debian's chromium (Playwright's own browser download cannot work here, and is never used).
CHROMIUM = os.environ.get("SCHOOLGATE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: How long one Playwright action or expectation may wait: generous, for a busy two-core machine.
TIMEOUT_MS = 30_000


def serving(server):
    """Starts `server`; yields it; SIGTERM at the end (exit 0, and the store checks clean)."""
    try:
        server.start()
    except BaseException:
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
        raise
    yield server
    server.stop()


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """A demo school served on a free port of 127.0.0.1, for one test module."""
    yield from serving(PortalServer(tmp_path_factory.mktemp("portal")))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Python Playwright is not installed: {INSTALL_HINT}")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Debian's chromium is not installed at {CHROMIUM}: {INSTALL_HINT}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, portal):
    """A browser of its own (its own cookies), at the portal's address."""
    context = browser.new_context(base_url=portal.base, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(autouse=True)
def expect_timeout():
    """Playwright's expect() waits as long as its actions do."""
    try:
        from playwright.sync_api import expect
    except ImportError:
        return
    expect.set_options(timeout=TIMEOUT_MS)
