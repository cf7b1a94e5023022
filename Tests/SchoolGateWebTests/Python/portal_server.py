"""The parents' portal as the browser tests use it: the built `schoolgate` executable on a
fresh demo store (`schoolgate --store DIR demo --no-tui`), serving on a free port of
127.0.0.1 (`serve --listen 127.0.0.1:0`), stopped with SIGTERM; and the demo mailbox page,
where the demo school keeps the e-mails it would send (invitations, sign-in codes).

No fixed paths, ports or sleeps: the store lives in a pytest temporary folder, the port is
the one the server prints, and every wait is a poll with a deadline."""
import email.utils
import glob
import html
import os
import re
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
INSTALL_HINT = "run scripts/install-test-tools.sh (it installs chromium, lynx, faketime, playwright and axe-playwright-python)"


def executable():
    """The built schoolgate: $SCHOOLGATE_EXECUTABLE (set by the Swift wrapper), else .build/debug."""
    path = os.environ.get("SCHOOLGATE_EXECUTABLE") or str(ROOT / ".build" / "debug" / "schoolgate")
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"no schoolgate executable at {path}: build it with `swift build` first")
    return path


def run(*arguments, timeout=120):
    """Runs schoolgate to its end; its output when it exits 0."""
    done = subprocess.run([executable(), *arguments], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"schoolgate {' '.join(arguments)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


def poll(what, deadline_seconds, check, every=0.05):
    """Calls `check` until it returns something true, at most `deadline_seconds`."""
    deadline = time.monotonic() + deadline_seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting after {deadline_seconds} s: {what}")
        time.sleep(every)


@dataclass
class Mail:
    to: str
    subject: str
    body: str


def faketime_library():
    """Debian's libfaketime (package `faketime`): moves the clock of one process, from outside it."""
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketimeMT.so.1"))
    if not found:
        raise RuntimeError(f"libfaketime is not installed: {INSTALL_HINT}")
    return found[0]


class PortalServer:
    """`schoolgate serve` on its own demo store, in `folder`.

    With `movable_clock`, serve runs under libfaketime (LD_PRELOAD, from outside the
    program: the shipped binary has no clock hook), reading its offset from real time from
    a file that `move_clock` rewrites; the store and its other commands keep real time."""

    def __init__(self, folder: Path, movable_clock=False):
        self.folder = folder
        self.store = str(folder / "store")
        self.process = None
        self.base = None
        self.clock_file = folder / "clock-offset" if movable_clock else None

    def start(self):
        run("--store", self.store, "demo", "--no-tui")
        return self.serve()

    def serve(self, *options):
        """Starts `serve` on the store (again, after a stop: a restart), on a new free port."""
        self.stdout_path = self.folder / "serve.out"
        self.stderr_path = self.folder / "serve.err"
        environment = dict(os.environ)
        if self.clock_file is not None:
            self.move_clock(0)
            environment.update({
                "LD_PRELOAD": faketime_library(),
                "FAKETIME_TIMESTAMP_FILE": str(self.clock_file),
                # Re-read the file at most once a second; timers and timeouts keep real time.
                "FAKETIME_CACHE_DURATION": "1",
                "FAKETIME_DONT_FAKE_MONOTONIC": "1",
                # Present, so libfaketime does not setenv() its shared-memory name at start:
                # that moves `environ`, and Swift finds its command line from `environ`
                # (CommandLine.arguments came out empty). One process needs no shared clock.
                "FAKETIME_SHARED": "unused unused",
            })
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "ab") as err:
            self.process = subprocess.Popen(
                [executable(), "--store", self.store, "serve", "--listen", "127.0.0.1:0", *options],
                stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=environment)

        def first_line():
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited {self.process.returncode}: {self.stderr_path.read_text()}")
            text = self.stdout_path.read_text()
            return text if "\n" in text else None

        line = poll("serve prints where it listens", 60, first_line)
        match = re.search(r"http://127\.0\.0\.1:[0-9]+", line)
        assert match, f"serve printed: {line}"
        assert "demo mailbox: /demo-mailbox" in line, f"serve printed: {line}"
        self.base = match.group(0)
        return self

    def run_as(self, login, *arguments):
        """A staff member's command on the served store (the portal sees it on its next request)."""
        return run("--store", self.store, "--as", login, *arguments)

    def move_clock(self, seconds):
        """Sets serve's clock to real time plus `seconds`; once serving, returns when its
        answers are dated by the moved clock (the HTTP Date header)."""
        assert self.clock_file is not None, "this portal was started without a movable clock"
        staged = self.clock_file.with_suffix(".new")
        staged.write_text(f"{int(seconds):+d}\n")
        staged.replace(self.clock_file)
        if self.base is None:
            return

        def dated_by_the_moved_clock():
            with urllib.request.urlopen(self.url("/static/style.css"), timeout=30) as response:
                served = email.utils.parsedate_to_datetime(response.headers["Date"]).timestamp()
            return abs(served - (time.time() + seconds)) < 60
        poll("serve's clock moved", 30, dated_by_the_moved_clock, every=0.2)

    def url(self, path):
        return self.base + path

    def stop(self):
        """SIGTERM: serve finishes what is in flight and exits 0; then the store checks clean."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("serve did not stop within 30 s of SIGTERM")
        assert status == 0, f"serve exited {status} on SIGTERM: {self.log()[-2000:]}"
        run("--store", self.store, "check")

    def log(self):
        return self.stderr_path.read_text() if self.stderr_path.exists() else ""

    # The demo mailbox, read as a parent reads their e-mail: in another window.

    def mails(self):
        """Every e-mail on the demo mailbox page, newest first."""
        with urllib.request.urlopen(self.url("/demo-mailbox"), timeout=30) as response:
            page = response.read().decode("utf-8")
        found = re.findall(r'<article class="card"><h2>(.*?)</h2><p class="meta">To: (.*?)</p><pre>(.*?)</pre></article>',
                           page, re.S)
        # The page shows the newest 50: past that, codes could no longer be counted.
        assert len(found) < 50, "a test module sent so many e-mails that the demo mailbox cannot show them all"
        return [Mail(to=html.unescape(to), subject=html.unescape(subject), body=html.unescape(body))
                for subject, to, body in found]

    def invitations(self):
        """(address, invitation code) of each invitation e-mail waiting in the mailbox."""
        waiting = []
        for mail in self.mails():
            code = re.search(r"Your invitation code is:\s+(\S+)", mail.body)
            if code:
                waiting.append((mail.to, code.group(1)))
        return waiting

    def sign_in_codes(self, address):
        """The six-digit sign-in codes mailed to `address`, newest first."""
        return [m.group(1) for mail in self.mails() if mail.to == address
                for m in [re.search(r"Your code to sign in.*?is:\s+(\d{6})\b", mail.body, re.S)] if m]

    def new_sign_in_code(self, address, seen, deadline_seconds=30):
        """Waits for a sign-in code to `address` beyond the `seen` codes mailed before; returns it."""
        def newer():
            codes = self.sign_in_codes(address)
            return codes[0] if len(codes) > seen else None
        return poll(f"a new sign-in code mailed to {address}", deadline_seconds, newer)

    @staticmethod
    def accept_link(code):
        """The path of an invitation e-mail's link (InvitationMessage: letters, digits and '-' only)."""
        return "/accept?code=" + "".join(c for c in code if c.isalnum() or c == "-")
