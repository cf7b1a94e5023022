"""A restart of the portal under load (issue 19, "a real deployment"): parents keep reading
the trip while the office approves invitations from the command line, and the server is
stopped with SIGTERM (as systemd stops it) and started again. No commit is lost, the signed-in
parent's session survives (sessions live in the store's journal), no request gets a server
error, and `schoolgate check` passes (the fixture's end). Plain HTTP, no browser."""
import http.client
import json
import re
import signal
import threading
import time
import urllib.parse

from parent_steps import PARIS_AND_SKI_PARENT


class Client:
    def __init__(self, base):
        parts = urllib.parse.urlsplit(base)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookies = {}

    def go(self, method, path, form=None):
        headers = {"Sec-Fetch-Site": "same-origin"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                k, v = value.split(";")[0].split("=", 1)
                self.cookies[k] = v
        return r.status, r.read().decode("utf-8", "replace")


def sign_in(portal, address):
    """Signs `address` in over HTTP with the code from the demo mailbox; the session cookie."""
    c = Client(portal.base)
    _, page = c.go("GET", "/")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    seen = len(portal.sign_in_codes(address))
    status, _ = c.go("POST", "/sign-in", {"csrf": csrf, "email": address})
    assert status == 303
    code = portal.new_sign_in_code(address, seen)
    _, page = c.go("GET", "/code")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    status, _ = c.go("POST", "/code", {"csrf": csrf, "code": code})
    assert status == 303 and c.cookies.get("sg-session"), f"not signed in ({status})"
    _, home = c.go("GET", "/")
    trip = re.search(r'href="(/sites/[^"]+)"', home).group(1)
    return c.cookies["sg-session"], trip


def test_restart_under_load_loses_no_commit_and_no_session(portal):
    session, trip = sign_in(portal, PARIS_AND_SKI_PARENT)
    current = {"base": portal.base}
    stop = threading.Event()
    answers, refused, lock = [], [], threading.Lock()

    def read_the_trip():
        """A parent reloading the trip page, following the server to its new port after the restart."""
        while not stop.is_set():
            base = current["base"]
            try:
                c = Client(base)
                c.cookies["sg-session"] = session
                for _ in range(20):
                    status, _ = c.go("GET", trip)
                    with lock:
                        answers.append(status)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    refused.append(type(error).__name__)
                time.sleep(0.02)  # the server is between its stop and its start: ask again soon

    readers = [threading.Thread(target=read_the_trip) for _ in range(4)]
    for r in readers:
        r.start()

    waiting = [i["id"] for i in json.loads(portal.run_as("office", "invitations", "--state", "requested", "--json"))
               if i["requester"] != "office"]
    assert len(waiting) >= 2, f"the demo has invitations waiting for the office: {waiting}"
    approved = []

    def approve(ids):
        for id in ids:
            portal.run_as("office", "approve", str(id), "--identity", "phoned the number on the MIS")
            approved.append(id)

    half = len(waiting) // 2
    approve(waiting[:half])
    # SIGTERM while the readers are busy: serve finishes what is in flight and exits 0.
    with lock:
        before_stop = len(answers)
    assert before_stop > 0, "the readers were served before the stop"
    portal.process.send_signal(signal.SIGTERM)
    assert portal.process.wait(timeout=30) == 0, f"serve exited {portal.process.returncode}: {portal.log()[-2000:]}"
    approve(waiting[half:])  # the office keeps working while the portal is down
    portal.serve()
    current["base"] = portal.base

    def served_again():
        with lock:
            return len(answers) > before_stop + 40
    deadline = time.monotonic() + 60
    while not served_again() and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    for r in readers:
        r.join(timeout=60)

    assert served_again(), "the readers were served again after the restart"
    assert set(answers) == {200}, f"every answer was the trip page: {sorted(set(answers))}"
    states = {i["id"]: i["state"] for i in json.loads(portal.run_as("office", "invitations", "--json"))}
    assert all(states[id] != "requested" for id in approved) and len(approved) == len(waiting), \
        f"every approval made around the restart is kept: {[(id, states[id]) for id in approved]}"
    # The session signed in before the restart still works after it.
    c = Client(portal.base)
    c.cookies["sg-session"] = session
    status, home = c.go("GET", "/")
    assert status == 200 and f"Signed in as {PARIS_AND_SKI_PARENT}." in home, "the session survived the restart"
    print(f"restart under load: {len(answers)} answers (all 200), {len(refused)} connection attempts refused "
          f"while the server was down, {len(approved)} approvals kept")
