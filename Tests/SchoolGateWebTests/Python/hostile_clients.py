#!/usr/bin/env python3
"""Hostile clients against `schoolgate serve` (issue 19): slow headers and bodies, oversized
headers, cookies and bodies, floods of sign-in requests from one address and from many,
random bytes, HTTP/1.1 pipelining, malformed percent-encoding and UTF-8 in paths and forms.

After each attack the server must be alive and answer /health; its memory (VmRSS from
/proc) must stay bounded; and while the slow clients hold their connections, other clients
must still be served: their latency is printed as a figure ("figure: ...").

Standard library only. Usage: hostile_clients.py BASE_URL SERVER_PID IDLE_TIMEOUT CLIENT_LIMIT
where IDLE_TIMEOUT is the server's --idle-timeout and CLIENT_LIMIT its
--client-actions-per-minute. Prints one line per check and 'N passed, N failed' last; exits 1
on any failure. No fixed sleeps beyond the slow clients' own pace: every wait polls to a deadline."""
import http.client
import os
import random
import re
import socket
import statistics
import sys
import threading
import time
import urllib.parse

BASE = sys.argv[1].rstrip("/")
PID = int(sys.argv[2])
IDLE = float(sys.argv[3])
LIMIT = int(sys.argv[4])
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok", what, flush=True)
    else:
        failed += 1
        print("FAILED", what, flush=True)


def rss_kb():
    with open(f"/proc/{PID}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+) kB", status.read()).group(1))


def alive():
    try:
        os.kill(PID, 0)
    except OSError:
        return False
    return True


def request(method, path, body=None, headers=None, source="127.0.0.1", timeout=30):
    """One request on a new connection from `source` (any 127.x address); (status, headers, body)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def healthy(what):
    ok = alive()
    status = None
    if ok:
        try:
            status = request("GET", "/health", timeout=30)[0]
        except OSError:
            status = None
    check(ok and status == 200, f"the server is alive and /health answers 200 after {what}")


def timed_get(path="/"):
    started = time.perf_counter()
    status, _, _ = request("GET", path)
    return status, (time.perf_counter() - started) * 1000


def latencies(n, path="/"):
    times, statuses = [], []
    for _ in range(n):
        status, ms = timed_get(path)
        times.append(ms)
        statuses.append(status)
    return statuses, times


def p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered) + 0.5)) - 1))]


def closed_by_server(sock, deadline):
    """True when the server closes `sock` (EOF or reset) before `deadline` (monotonic)."""
    while time.monotonic() < deadline:
        sock.settimeout(max(0.05, min(0.5, deadline - time.monotonic())))
        try:
            data = sock.recv(65536)
            if not data:
                return True
        except socket.timeout:
            continue
        except OSError:
            return True
    return False


class Visitor:
    """A browser on one keep-alive connection: its cookies and the sign-in form's token."""

    def __init__(self, source="127.0.0.1"):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30, source_address=(source, 0))
        self.cookies = {}
        _, _, page = self.go("GET", "/")
        self.csrf = re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()

    def go(self, method, path, form=None, extra=None):
        headers = {"Sec-Fetch-Site": "same-origin"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form) if isinstance(form, dict) else form
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers.update(extra or {})
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        for name, value in r.getheaders():
            if name.lower() == "set-cookie":
                k, v = value.split(";")[0].split("=", 1)
                self.cookies[k] = v
        return r.status, dict(r.getheaders()), r.read()

    def close(self):
        self.conn.close()


started_rss = rss_kb()
print(f"figure: server VmRSS at the start: {started_rss / 1024:.1f} MB")
statuses, baseline = latencies(40)
check(all(s == 200 for s in statuses), "the sign-in page answers before the attacks")
print(f"figure: other clients, quiet: p50 {statistics.median(baseline):.1f} ms, p99 {p(baseline, 0.99):.1f} ms (n=40)")

# --- Slow headers and slow bodies (slowloris) -------------------------------------------------
SLOW_HEADERS, SLOW_BODIES = 150, 100
stop = threading.Event()
slow = []
for i in range(SLOW_HEADERS):
    s = socket.create_connection((HOST, PORT))
    s.sendall(b"GET / HTTP/1.1\r\nHost: portal\r\n")
    slow.append(("headers", s))
for i in range(SLOW_BODIES):
    s = socket.create_connection((HOST, PORT))
    s.sendall(b"POST /sign-in HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: 5000\r\n\r\nemail=")
    slow.append(("body", s))
opened = time.monotonic()


def trickle():
    """A byte on every slow connection every IDLE/4 seconds: never idle long enough on its own."""
    while not stop.wait(IDLE / 4):
        for kind, s in slow:
            try:
                s.sendall(b"X-a: b\r\n" if kind == "headers" else b"a")
            except OSError:
                pass


trickler = threading.Thread(target=trickle, daemon=True)
trickler.start()
statuses, during = latencies(60)
check(all(s == 200 for s in statuses), f"other clients are served while {SLOW_HEADERS + SLOW_BODIES} slow clients hold connections")
print(f"figure: other clients during {SLOW_HEADERS} slow-header and {SLOW_BODIES} slow-body connections: "
      f"p50 {statistics.median(during):.1f} ms, p99 {p(during, 0.99):.1f} ms (n=60)")
check(p(during, 0.99) < 2000, "other clients wait under 2 s at the 99th percentile during the slow attack")
deadline = opened + IDLE * 2 + 15
closed = {"headers": 0, "body": 0}
for kind, s in slow:
    if closed_by_server(s, deadline):
        closed[kind] += 1
took = time.monotonic() - opened
stop.set()
trickler.join()
for _, s in slow:
    s.close()
check(closed["headers"] == SLOW_HEADERS, f"every slow-header connection is closed by the server ({closed['headers']}/{SLOW_HEADERS})")
check(closed["body"] == SLOW_BODIES, f"every slow-body connection is closed by the server ({closed['body']}/{SLOW_BODIES})")
check(took >= IDLE * 0.9, f"not before the idle timeout ({took:.1f} s for a timeout of {IDLE:g} s)")
print(f"figure: the slow connections were all closed {took:.1f} s after they opened (--idle-timeout {IDLE:g})")
healthy("slow headers and bodies")

# --- Oversized headers, cookies and bodies ---------------------------------------------------
def send_in_background(s, data):
    """Sends `data` on another thread, so that an answer (and a close) can come before the end."""
    def send():
        try:
            s.sendall(data)
        except OSError:
            pass  # the server answered and closed before taking it all
    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    return sender


def read_all(s, deadline):
    """Everything read from `s` until the server closes it, or `deadline` (monotonic)."""
    answer = b""
    while time.monotonic() < deadline:
        s.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = s.recv(65536)
        except (socket.timeout, OSError):
            break
        if not chunk:
            break
        answer += chunk
    return answer


def raw(data, read_timeout=30):
    """Sends bytes on a new connection; everything read until the server closes (or the timeout)."""
    s = socket.create_connection((HOST, PORT))
    sender = send_in_background(s, data)
    answer = read_all(s, time.monotonic() + read_timeout)
    sender.join(timeout=5)
    s.close()
    return answer


def status_of(answer):
    m = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
    return int(m.group(1)) if m else None


big_header = raw(b"GET / HTTP/1.1\r\nHost: portal\r\nX-Big: " + b"a" * 100_000 + b"\r\nConnection: close\r\n\r\n")
check(status_of(big_header) == 400, f"a 100 KB header is refused with 400 ({status_of(big_header)})")
many_headers = raw(b"GET / HTTP/1.1\r\nHost: portal\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(2000))
                   + b"Connection: close\r\n\r\n")
check(status_of(many_headers) == 400, f"2,000 header fields are refused with 400 ({status_of(many_headers)})")
status, _, page = request("GET", "/", headers={"Cookie": "sg-session=" + "x" * 60_000})
check(status == 200 and b"Sign in" in page, f"a 60 KB cookie is no session: the sign-in page ({status})")
status, _, page = request("GET", "/", headers={"Cookie": ";".join(f"c{i}={'v' * 20}" for i in range(2000))})
check(status == 200, f"2,000 cookies are read as at most 50, and the page answers ({status})")
big_body = raw(b"POST /sign-in HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Content-Length: 1000006\r\nConnection: close\r\n\r\nemail=" + b"a" * 1_000_000)
check(status_of(big_body) == 413, f"a 1 MB body is refused with 413 ({status_of(big_body)})")
chunked = raw(b"POST /sign-in HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
              + b"".join(b"4000\r\n" + b"a" * 0x4000 + b"\r\n" for _ in range(64)) + b"0\r\n\r\n")
check(status_of(chunked) == 413, f"a 1 MB chunked body is refused with 413 ({status_of(chunked)})")
healthy("oversized headers, cookies and bodies")

# --- Random bytes -----------------------------------------------------------------------------
rng = random.Random(19)
answers = set()
junk_connections = []
for i in range(60):
    junk = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 3000)))
    if i % 3 == 0:
        junk = b"GET /" + junk  # past the method, into the path and headers
    s = socket.create_connection((HOST, PORT))
    junk_connections.append((s, send_in_background(s, junk)))
deadline = time.monotonic() + IDLE * 2 + 15  # what never makes a whole head waits out the idle timeout
for s, sender in junk_connections:
    answers.add(status_of(read_all(s, deadline)))
    sender.join(timeout=5)
    s.close()
check(answers <= {400, None}, f"random bytes get 400 or a closed connection, never a page ({sorted(map(str, answers))})")
healthy("60 connections of random bytes")

# --- Pipelining -------------------------------------------------------------------------------
pipelined = raw(b"GET /health HTTP/1.1\r\nHost: portal\r\n\r\n"
                b"GET /static/style.css HTTP/1.1\r\nHost: portal\r\n\r\n"
                b"POST /sign-in HTTP/1.1\r\nHost: portal\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 9\r\n\r\nemail=a%4"
                b"GET /nowhere HTTP/1.1\r\nHost: portal\r\n\r\n"
                b"GET /health HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n")
statuses = [int(s) for s in re.findall(rb"HTTP/1\.1 (\d{3}) ", pipelined)]
check(statuses == [200, 200, 403, 404, 200], f"five pipelined requests get five answers, in order ({statuses})")
check(pipelined.count(b"text/css") == 1 and pipelined.endswith(b"ok\n"), "each pipelined answer is the right one")
healthy("pipelining")

# --- Malformed percent-encoding and UTF-8 in paths and forms -------------------------------------
for path in [b"/%", b"/%G0", b"/%C3%28", b"/%C0%AF", b"/sites/%E2%82", b"/%ED%A0%80", b"/\xff\xfe", b"/sites/\xc3(",
             b"/%00", b"/a%0d%0aSet-Cookie:%20x=1", b"/feed/%FF.ics", b"/media/%2e%2e%2f%2e%2e%2fjournal"]:
    answer = raw(b"GET " + path + b" HTTP/1.1\r\nHost: portal\r\nConnection: close\r\n\r\n")
    code = status_of(answer)
    check(code in (400, 404, 303) and b"Set-Cookie: x=1" not in answer, f"the path {path[:24]!r} gets a plain {code}")
visitor = Visitor()
for body in [b"email=%ZZ", b"email=%C3%28%40home.example", b"email=\xff\xfe%40x.example", b"email=%", b"email=a%00b%40c.d",
             b"email=" + "é".encode() * 100 + b"%40x.example", b"=&&==&email", b"email=%E2%80%AE%40x.example"]:
    status, _, page = visitor.go("POST", "/sign-in", form=b"csrf=" + visitor.csrf.encode() + b"&" + body)
    check(status in (303, 400), f"the form {body[:28]!r} gets a plain answer ({status})")
visitor.close()
healthy("malformed percent-encoding and UTF-8")

# --- A flood of sign-in requests from one address --------------------------------------------
flooder = Visitor()
spoof = 0
codes = []
for i in range(LIMIT):  # each round is two actions: asking for a code, and trying one
    spoof += 1
    forwarded = {"X-Forwarded-For": f"198.51.100.{spoof % 250}"}
    flooder.go("POST", "/sign-in", form={"csrf": flooder.csrf, "email": f"flood{i}@nowhere.example"}, extra=forwarded)
    status, _, _ = flooder.go("POST", "/code", form={"csrf": flooder.csrf, "code": "000000"}, extra=forwarded)
    codes.append(status)
check(429 in codes, f"one address flooding sign-in is throttled (X-Forwarded-For is not trusted without --trust-proxy)")
check(codes.index(429) >= LIMIT // 2 - 10 if 429 in codes else False,
      f"not before the limit of {LIMIT} actions a minute (first 429 at round {codes.index(429) if 429 in codes else None})")
flooder.close()
# Another address is not held back by the flood.
other = Visitor(source="127.0.0.2")
other.go("POST", "/sign-in", form={"csrf": other.csrf, "email": "someone@nowhere.example"})
status, _, page = other.go("POST", "/code", form={"csrf": other.csrf, "code": "000000"})
check(status == 400 and b"Too many tries" not in page, f"a client at another address is not throttled ({status})")
other.close()
healthy("a flood of sign-in requests from one address")

# --- ... and from many addresses -------------------------------------------------------------
before_many = rss_kb()
throttled = 0
ADDRESSES = 30
for n in range(2, 2 + ADDRESSES):
    v = Visitor(source=f"127.0.1.{n}")
    for i in range(LIMIT // 4):
        v.go("POST", "/sign-in", form={"csrf": v.csrf, "email": f"many{n}x{i}@nowhere.example"})
        status, _, _ = v.go("POST", "/code", form={"csrf": v.csrf, "code": "000000"})
        throttled += status == 429
    v.close()
check(throttled == 0, f"{ADDRESSES} addresses each under the limit are not throttled ({throttled} refusals)")
after = rss_kb()
print(f"figure: server VmRSS {started_rss / 1024:.1f} MB at the start, {before_many / 1024:.1f} MB before the "
      f"flood from {ADDRESSES} addresses ({ADDRESSES * (LIMIT // 4) * 2} actions), {after / 1024:.1f} MB after everything")
check(after - started_rss < 64 * 1024, f"memory grew by less than 64 MB over every attack ({(after - started_rss) / 1024:.1f} MB)")
healthy("a flood of sign-in requests from many addresses")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
