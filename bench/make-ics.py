#!/usr/bin/env python3
"""Writes a Google-Calendar-like export of N timed and all-day events to stdout (issue 18's
import benchmark; the file is generated, never committed).  make-ics.py N [SEED]"""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 18)
out = sys.stdout
w = lambda line: out.write(line + "\r\n")
w("BEGIN:VCALENDAR")
w("PRODID:-//Google Inc//Google Calendar 70.9054//EN")
w("VERSION:2.0")
w("CALSCALE:GREGORIAN")
w("METHOD:PUBLISH")
w("X-WR-CALNAME:Riverside whole school")
w("X-WR-TIMEZONE:Europe/London")
words = ["Parents", "evening", "Year", "trip", "assembly", "choir", "football", "fixture", "exam", "club",
         "rehearsal", "governors", "meeting", "inset", "day", "science", "fair", "sports", "open", "concert"]
for i in range(n):
    day = rng.randrange(0, 700)
    y, rest = (2026, day) if day < 365 else (2027, day - 365)
    # A date from a day of the year (no leap years in 2026-2027).
    months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    m = 0
    while rest >= months[m]:
        rest -= months[m]
        m += 1
    date = f"{y}{m + 1:02d}{rest + 1:02d}"
    w("BEGIN:VEVENT")
    if rng.random() < 0.2:
        w(f"DTSTART;VALUE=DATE:{date}")
        w(f"DTEND;VALUE=DATE:{date}")
    else:
        h = rng.randrange(7, 19)
        w(f"DTSTART;TZID=Europe/London:{date}T{h:02d}{rng.choice(['00', '15', '30', '45'])}00")
        w(f"DTEND;TZID=Europe/London:{date}T{h + 1:02d}{rng.choice(['00', '15', '30', '45'])}00")
    w("DTSTAMP:20261201T120000Z")
    w(f"UID:{i:08d}{rng.getrandbits(64):016x}@google.com")
    w("CREATED:20260901T080000Z")
    desc = " ".join(rng.choice(words) for _ in range(rng.randrange(5, 40)))
    text = "DESCRIPTION:" + desc
    while len(text) > 75:
        w(text[:75])
        text = " " + text[75:]
    w(text)
    w("LAST-MODIFIED:20261120T100000Z")
    w(f"LOCATION:Room {rng.randrange(1, 40)}")
    w("SEQUENCE:0")
    w("STATUS:CONFIRMED")
    w("SUMMARY:" + " ".join(rng.choice(words) for _ in range(rng.randrange(2, 6))).capitalize())
    w("TRANSP:OPAQUE")
    w("END:VEVENT")
w("END:VCALENDAR")
