"""A text browser (Debian's lynx, no JavaScript, no CSS): it reads the sign-in page, signs
a parent in with the mailed code by typing into the forms (keystrokes from a -cmd_script,
in a pseudo-terminal), reads "Your sites" and the trip, and signs out."""
import os
import pty
import re
import select
import shutil
import subprocess
import time

import pytest

from parent_steps import PARIS_AND_SKI_PARENT
from portal_server import INSTALL_HINT


@pytest.fixture(scope="module")
def lynx(tmp_path_factory):
    """lynx with a cookie jar of its own (cookies accepted and kept, as a browser does)."""
    if shutil.which("lynx") is None:
        pytest.fail(f"lynx is not installed: {INSTALL_HINT}")
    folder = tmp_path_factory.mktemp("lynx")
    config = folder / "lynx.cfg"
    jar = folder / "cookies"
    config.write_text("\n".join([
        "ACCEPT_ALL_COOKIES:TRUE", "SET_COOKIES:TRUE", "PERSISTENT_COOKIES:TRUE",
        f"COOKIE_FILE:{jar}", f"COOKIE_SAVE_FILE:{jar}", "CHARACTER_SET:utf-8", ""]))
    return Lynx(config, jar, folder)


class Lynx:
    def __init__(self, config, jar, folder):
        self.config, self.jar, self.folder = config, jar, folder

    def arguments(self):
        return ["lynx", f"-cfg={self.config}", "-display_charset=utf-8", "-nopause", "-width=100"]

    def dump(self, url):
        """The page as lynx shows it, as text (links numbered, references at the end), with
        its runs of spaces and line breaks (lynx wraps at 100 columns) made single spaces."""
        done = subprocess.run(self.arguments() + ["-dump", url], capture_output=True, text=True, timeout=20,
                              env=dict(os.environ, TERM="dumb"))
        assert done.returncode == 0, f"lynx -dump {url} exited {done.returncode}: {done.stderr}"
        return " ".join(done.stdout.split())

    def type_keys(self, url, keys, deadline_seconds=30):
        """Opens `url` in interactive lynx and types `keys` (lynx's -cmd_script names: "Down Arrow",
        "^J" for Enter, or single characters), then quits; lynx needs a terminal, so it gets a
        pseudo-terminal."""
        script = self.folder / "keys.txt"
        script.write_text("".join(f"key {k}\n" for k in [*keys, "q", "y"]))
        leader, follower = pty.openpty()
        process = subprocess.Popen(self.arguments() + [f"-cmd_script={script}", url], stdin=follower,
                                   stdout=follower, stderr=follower, env=dict(os.environ, TERM="vt100"),
                                   start_new_session=True)
        os.close(follower)
        screen = b""
        deadline = time.monotonic() + deadline_seconds
        try:
            while process.poll() is None or select.select([leader], [], [], 0)[0]:
                if time.monotonic() > deadline:
                    process.kill()
                    raise AssertionError(f"lynx did not finish in {deadline_seconds} s: {screen[-2000:]!r}")
                if select.select([leader], [], [], 0.1)[0]:
                    try:
                        chunk = os.read(leader, 65536)
                    except OSError:  # the terminal closed with lynx
                        break
                    if not chunk:
                        break
                    screen += chunk
            assert process.wait(timeout=10) == 0, f"lynx exited {process.returncode}: {screen[-2000:]!r}"
        finally:
            os.close(leader)
        return screen


def references(dump):
    """The addresses of the links, from the dump's list of references."""
    return re.findall(r" \d+\. (\S+)", dump.partition(" References ")[2])


def test_lynx_reads_the_sign_in_and_accept_pages(lynx, portal):
    page = lynx.dump(portal.url("/"))
    for text in ["Oakfield Community School", "Sign in", "E-mail address", "(BUTTON) Send me a code",
                 "accept an invitation here", "demo mailbox"]:
        assert text in page, f"the sign-in page in lynx lacks {text!r}:\n{page}"
    assert "<" not in page and "{{" not in page, page
    assert portal.url("/accept") in references(page)
    page = lynx.dump(portal.url("/accept"))
    for text in ["Accept an invitation", "Invitation code", "E-mail address", "(BUTTON) Send me a code"]:
        assert text in page, f"the accept page in lynx lacks {text!r}:\n{page}"


def test_lynx_signs_in_with_the_mailed_code_reads_the_trip_and_signs_out(lynx, portal):
    seen = len(portal.sign_in_codes(PARIS_AND_SKI_PARENT))
    # The sign-in page: the school's link, then the e-mail field, then "Send me a code".
    lynx.type_keys(portal.url("/"), ["Down Arrow", *PARIS_AND_SKI_PARENT, "Down Arrow", "^J"])
    code = portal.new_sign_in_code(PARIS_AND_SKI_PARENT, seen)
    page = lynx.dump(portal.url("/code"))
    assert "Check your e-mail" in page and "Code from the e-mail" in page and "(BUTTON) Sign in" in page, page
    lynx.type_keys(portal.url("/code"), ["Down Arrow", *code, "Down Arrow", "^J"])

    home = lynx.dump(portal.url("/"))
    assert "Your sites" in home and f"Signed in as {PARIS_AND_SKI_PARENT}." in home, home
    assert "Year 9 Paris trip" in home and "Ski trip to Austria" in home, home
    assert portal.url("/sites/year-9/paris") in references(home)

    trip = lynx.dump(portal.url("/sites/year-9/paris"))
    for text in ["Year 9 Paris trip", "Paris, France", "Itinerary", "* 06:00 Coach leaves school – Front car park",
                 "Château de Versailles", "Contacts on the trip", "07700 900123", "Blog", "Merci !",
                 "(BUTTON) Sign out"]:
        assert text in trip, f"the trip page in lynx lacks {text!r}:\n{trip}"
    assert "tel:07700900123" in references(trip)

    # "Sign out" is the fifth thing to select: the school, Your sites, My calendar, My access.
    lynx.type_keys(portal.url("/"), ["Down Arrow"] * 4 + ["^J"])
    after = lynx.dump(portal.url("/sites/year-9/paris"))
    assert "Sign in" in after and "Itinerary" not in after, after
