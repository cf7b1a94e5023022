#!/usr/bin/env python3
"""Scans the parents' portal with Debian's wapiti, on loopback, and fails on any finding
that scripts/wapiti-allowed.json does not explain (docs/security.md, "The wapiti scan").

    scripts/wapiti-scan.py [--executable PATH] [--keep DIR]

Builds a fresh demo school (`schoolgate --store DIR demo --no-tui`, public pages on),
serves it on a free port of 127.0.0.1 (`serve --listen 127.0.0.1:0`) and runs two scans:
one as anyone (no cookie) and one with a signed-in parent's session cookie (the parent
accepts the demo's waiting invitation and proves the address with the code from the
demo mailbox, as a browser would). Sign-out is kept out of the signed-in scan, and the
session must still open "My access" afterwards, so that scan really ran signed in.
Then SIGTERM (serve must exit 0), `schoolgate check`, and no 500 in the portal's log.

A third scan, of the headers and cookies only, runs after `tenant set portal-url https://…`,
as the portal is deployed behind nginx with TLS.

Every finding (wapiti's "vulnerabilities" and "anomalies") must match an entry of the
allow-list (module category, a pattern for the finding's text, optionally one for its path
and the scans it applies to), each with its reason; otherwise it is printed as UNEXPLAINED and the script exits 1. An allow-list
entry that no longer matches anything is printed as unused (not a failure: a scan of the
other kind may need it). Standard library only. Exit status: 0 clean, 1 findings or a
broken run, 2 wapiti missing.

Environment: SCHOOLGATE_EXECUTABLE (else .build/debug/schoolgate).
"""
import argparse
import html
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ROOT / "scripts" / "wapiti-allowed.json"

# Every module of wapiti 3.0.4 but five: nikto and wapp download their databases from the
# internet, ssrf needs wapiti's server on the internet to see the portal call out, and
# brute_login_form tries passwords on a username/password form, which the portal has not;
# buster (a dictionary of about 30,000 paths, a minute more a scan here, all 404: the portal's
# routes are fixed in its code and it serves no folder) only with --full. (xxe's
# out-of-band half also needs that server; its in-band half runs.)
MODULES = ["backup", "blindsql", "cookieflags", "crlf", "csp", "csrf", "exec", "file", "htaccess",
           "http_headers", "methods", "permanentxss", "redirect", "shellshock", "sql", "xss", "xxe"]
# The modules that read the answers' headers and cookies: the third scan, with an https
# portal-url (as deployed behind nginx), where HSTS and Secure cookies are due.
HEADER_MODULES = ["cookieflags", "csp", "http_headers"]


def poll(what, seconds, check, every=0.05):
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise SystemExit(f"wapiti-scan: gave up waiting after {seconds} s: {what}")
        time.sleep(every)


def run(executable, *arguments):
    done = subprocess.run([executable, *arguments], capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"wapiti-scan: schoolgate {' '.join(arguments)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return done.stdout


class Browser:
    """A cookie-keeping client that does not follow redirects (to see them)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self.NoRedirect)

    def fetch(self, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Sec-Fetch-Site": "same-origin"} if form is not None else {}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as r:
                return r.status, r.headers, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode("utf-8", "replace")

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)


def form_token(page):
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    if not found:
        raise SystemExit("wapiti-scan: a form without its token")
    return found.group(1)


def mailbox(browser):
    status, _, page = browser.fetch("/demo-mailbox")
    if status != 200:
        raise SystemExit(f"wapiti-scan: the demo mailbox answered {status}")
    return [(html.unescape(to), html.unescape(body))
            for to, body in re.findall(r'<p class="meta">To: (.*?)</p><pre>(.*?)</pre>', page, re.S)]


def sign_in_a_parent(base):
    """A parent accepts the demo's waiting invitation, as in a browser; their session token."""
    browser = Browser(base)
    invitation = next(((to, body) for to, body in mailbox(browser) if "invitation code is" in body), None)
    if invitation is None:
        raise SystemExit("wapiti-scan: no invitation e-mail in the demo mailbox")
    address, body = invitation
    code = re.search(r"invitation code is:\s+(\S+)", body).group(1)
    status, _, _ = browser.fetch("/accept?code=" + urllib.parse.quote(code))
    if status != 303:
        raise SystemExit(f"wapiti-scan: the invitation link answered {status}")
    _, _, page = browser.fetch("/accept")
    status, _, _ = browser.fetch("/accept", {"csrf": form_token(page), "email": address})
    if status != 303:
        raise SystemExit(f"wapiti-scan: asking for a code answered {status}")

    def the_code():
        for to, text in mailbox(browser):
            found = re.search(r"code to sign in.*?is:\s+(\d{6})\b", text, re.S)
            if to == address and found:
                return found.group(1)
        return None
    sign_in_code = poll("the sign-in code in the demo mailbox", 30, the_code, every=0.1)
    _, _, page = browser.fetch("/code")
    status, _, _ = browser.fetch("/code", {"csrf": form_token(page), "code": sign_in_code})
    token = browser.cookie("sg-session")
    if status != 303 or not token:
        raise SystemExit(f"wapiti-scan: the code did not sign the parent in ({status})")
    status, _, page = browser.fetch("/")
    if status != 200 or "Your sites" not in page:
        raise SystemExit("wapiti-scan: signed in, but the home page does not list the parent's sites")
    return address, token


def still_signed_in(base, token):
    request = urllib.request.Request(base + "/my-access", headers={"Cookie": f"sg-session={token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status == 200 and "My access" in r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError:
        return False


def scan(base, name, folder, modules, cookie_file=None, exclude=()):
    """One wapiti run; its findings as (category, kind, method, path, info) and its crawl."""
    report = folder / f"{name}.json"
    log = folder / f"{name}.log"
    arguments = [wapiti_python(), "-c", LAUNCHER, "-u", base + "/", "--scope", "folder", "-m", ",".join(modules),
                 "--flush-session", "--store-session", str(folder / f"{name}-session"),
                 "--store-config", str(folder / f"{name}-config"), "-f", "json", "-o", str(report),
                 "--no-bugreport", "-v", "1", "-t", "20",
                 # Level 2: payloads also as the whole query string of pages that take none.
                 "-l", "2",
                 # The invitation link's query, the one parameter a GET page reads.
                 "-s", base + "/accept?code=ABCD-EFGH-JKMN-PQRS"]
    if cookie_file:
        arguments += ["-c", str(cookie_file)]
    for path in exclude:
        arguments += ["-x", base + path]
    started = time.monotonic()
    with open(log, "w") as out:
        done = subprocess.run(arguments, stdout=out, stderr=subprocess.STDOUT, timeout=900)
    seconds = time.monotonic() - started
    if done.returncode != 0 or not report.exists():
        raise SystemExit(f"wapiti-scan: wapiti ({name}) exited {done.returncode}; its log: {log}")
    data = json.loads(report.read_text())
    findings = []
    for kind in ("vulnerabilities", "anomalies"):
        for category, items in data[kind].items():
            for item in items:
                findings.append((category, kind, item.get("method", ""), item.get("path", ""), item.get("info", "")))
    text = log.read_text(errors="replace")
    crawled = sorted(set(re.findall(r"^\[\+\] (GET|POST) (\S+)", text.split("[*] Saving scan state")[0], re.M)))
    return findings, crawled, seconds, data["infos"]["version"]


# Runs wapiti from its installed module. Debian's wapiti 3.0.4 on Python 3.11 crashes on
# any -x (its crawler builds a pattern with a global flag at its end, which Python 3.11
# refuses: "global flags not at the start of the expression"); the launcher replaces that
# one function, only when it is broken, with one that puts the flags first.
LAUNCHER = r"""
import re, sys
import wapitiCore.net.crawler as crawler
try:
    crawler.wildcard_translate("x")
except re.error:
    def wildcard(pattern):
        return re.compile("(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\Z")
    crawler.wildcard_translate = wildcard
from wapitiCore.main.wapiti import wapiti_main
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())
"""


def wapiti_python():
    """The Python that the installed wapiti runs with (its script's first line)."""
    with open(shutil.which("wapiti")) as script:
        first = script.readline()
    return first[2:].strip().split()[0] if first.startswith("#!") else sys.executable


def explanation(scan_name, finding, allowed):
    category, kind, method, path, info = finding
    for entry in allowed:
        if (entry["category"] == category and scan_name in entry.get("scans", [scan_name]) and re.search(entry["info"], info)
                and re.search(entry.get("path", ".*"), path)):
            return entry
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--executable", default=os.environ.get("SCHOOLGATE_EXECUTABLE") or str(ROOT / ".build/debug/schoolgate"))
    parser.add_argument("--full", action="store_true", help="also run the buster module (about a minute more a scan)")
    parser.add_argument("--keep", help="keep the store, the portal's log and wapiti's reports in this folder")
    options = parser.parse_args()
    if not shutil.which("wapiti"):
        print("wapiti-scan: wapiti is not installed (scripts/install-test-tools.sh installs it)", file=sys.stderr)
        return 2
    if not os.access(options.executable, os.X_OK):
        raise SystemExit(f"wapiti-scan: no schoolgate executable at {options.executable}: run `swift build` first")
    allowed = json.loads(ALLOWED.read_text())
    for entry in allowed:
        if not entry.get("reason"):
            raise SystemExit(f"wapiti-scan: an allow-list entry without a reason: {entry}")

    folder = Path(options.keep or tempfile.mkdtemp(prefix="schoolgate-wapiti-"))
    folder.mkdir(parents=True, exist_ok=True)
    store = str(folder / "store")
    shutil.rmtree(store, ignore_errors=True)
    run(options.executable, "--store", store, "demo", "--no-tui")
    run(options.executable, "--store", store, "--as", "admin", "tenant", "set", "public-pages", "on")
    serve_out, serve_log = folder / "serve.out", folder / "serve.log"
    with open(serve_out, "wb") as out, open(serve_log, "wb") as err:
        server = subprocess.Popen([options.executable, "--store", store, "serve", "--listen", "127.0.0.1:0"],
                                  stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        def first_line():
            if server.poll() is not None:
                raise SystemExit(f"wapiti-scan: serve exited {server.returncode}: {serve_log.read_text()}")
            text = serve_out.read_text()
            return text if "\n" in text else None
        base = re.search(r"http://127\.0\.0\.1:[0-9]+", poll("serve prints where it listens", 60, first_line)).group(0)

        results = []
        modules = MODULES + (["buster"] if options.full else [])
        findings, crawled, seconds, version = scan(base, "anyone", folder, modules)
        results.append(("anyone", findings, crawled, seconds))
        address, token = sign_in_a_parent(base)
        cookie_file = folder / "cookies.json"
        cookie_file.write_text(json.dumps({"127.0.0.1": {"/": {"sg-session": {
            "value": token, "expires": None, "secure": False, "port": None, "version": 0}}}}))
        findings, crawled, seconds, _ = scan(base, "parent", folder, modules, cookie_file, exclude=["/sign-out"])
        results.append(("parent", findings, crawled, seconds))
        signed_in_pages = [p for _, p in crawled if "/sites/" in p]
        problems = []
        if not signed_in_pages:
            problems.append("the signed-in scan reached no site page: it did not run signed in")
        if not still_signed_in(base, token):
            problems.append("the parent's session ended during the signed-in scan")
        # As deployed: portal-url https (the portal then sends HSTS and makes its cookies
        # Secure and __Host-, whatever the scheme of the request, which nginx terminates).
        run(options.executable, "--store", store, "--as", "admin", "tenant", "set", "portal-url", "https://127.0.0.1")
        findings, crawled, seconds, _ = scan(base, "anyone-https", folder, HEADER_MODULES)
        results.append(("anyone-https", findings, crawled, seconds))
        https_log = (folder / "anyone-https.log").read_text(errors="replace")
        if "Checking cookie : __Host-sg-visitor" not in https_log:
            problems.append("the scan with an https portal-url did not see the __Host-sg-visitor cookie")
        if server.poll() is not None:
            problems.append(f"serve exited {server.returncode} during the scan")
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    if server.returncode != 0:
        problems.append(f"serve exited {server.returncode} on SIGTERM")
    check = subprocess.run([options.executable, "--store", store, "check"], capture_output=True, text=True)
    if check.returncode != 0:
        problems.append(f"schoolgate check exited {check.returncode}: {check.stdout}{check.stderr}")
    log_lines = serve_log.read_text(errors="replace").splitlines()
    statuses = {}
    for line in log_lines:
        fields = line.split(" ")
        if len(fields) >= 7:
            statuses[fields[-3]] = statuses.get(fields[-3], 0) + 1
    if any(s.startswith("5") for s in statuses):
        problems.append("the portal answered 5xx: " + ", ".join(l for l in log_lines if re.search(r" 5\d\d [0-9.]+ ms$", l))[:2000])

    print(f"wapiti-scan: {version}, modules: {', '.join(modules)}; with an https portal-url: {', '.join(HEADER_MODULES)}")
    print(f"wapiti-scan: the portal answered {len(log_lines)} requests: "
          + ", ".join(f"{n} × {s}" for s, n in sorted(statuses.items())))
    used = set()
    unexplained = 0
    for name, findings, crawled, seconds in results:
        print(f"wapiti-scan: scan as {name}: {seconds:.0f} s, {len(crawled)} URLs and forms crawled, "
              f"{len(findings)} findings")
        for method, url in crawled:
            print(f"    crawled {method} {url.replace(base, '')}")
        for finding in findings:
            category, kind, method, path, info = finding
            entry = explanation(name, finding, allowed)
            if entry is None:
                unexplained += 1
                print(f"  UNEXPLAINED [{category}] {method} {path}: {info}")
            else:
                used.add(allowed.index(entry))
                print(f"  explained   [{category}] {method} {path}: {info}\n                reason: {entry['reason']}")
    for index, entry in enumerate(allowed):
        if index not in used:
            print(f"wapiti-scan: allow-list entry not used in this run: [{entry['category']}] {entry['info']}")
    for problem in problems:
        print(f"wapiti-scan: PROBLEM {problem}")
    if not options.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"wapiti-scan: {unexplained} unexplained findings, {len(problems)} problems")
    return 1 if unexplained or problems else 0


if __name__ == "__main__":
    sys.exit(main())
