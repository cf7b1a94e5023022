#!/usr/bin/env python3
"""Writes a Google-Calendar-like export of N timed and all-day events to stdout (issue 18's
import benchmark; the file is generated, never committed).  make-ics.py N [SEED]

About one event in ten is a series, as in a school's real calendar: weekly, fortnightly or
monthly (BYDAY=-1FR), with COUNT or UNTIL, some with EXDATE lines, and some followed by a
changed date (a VEVENT with the same UID and a RECURRENCE-ID), which counts among the N."""
import datetime
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
rules = ["FREQ=WEEKLY;COUNT=12", "FREQ=WEEKLY;INTERVAL=2;COUNT=8", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
         "FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20271231T235959Z", "FREQ=DAILY;COUNT=5"]
i = 0
while i < n:
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
    series = rng.random() < 0.1
    allday = rng.random() < 0.2
    h = rng.randrange(7, 19)
    minute = rng.choice(['00', '15', '30', '45'])
    if allday:
        w(f"DTSTART;VALUE=DATE:{date}")
        w(f"DTEND;VALUE=DATE:{date}")
    else:
        w(f"DTSTART;TZID=Europe/London:{date}T{h:02d}{minute}00")
        w(f"DTEND;TZID=Europe/London:{date}T{h + 1:02d}{rng.choice(['00', '15', '30', '45'])}00")
    rule = rng.choice(rules) if series else None
    if rule and rule.startswith("FREQ=MONTHLY"):
        rule = "FREQ=MONTHLY;COUNT=6"  # the first date must be one the rule gives
    if rule:
        w("RRULE:" + (rule.replace("UNTIL=20271231T235959Z", "UNTIL=20271231") if allday else rule))
        if rng.random() < 0.5:
            # A week after the first date skipped (the second date of a weekly rule).
            week = (datetime.date(int(date[:4]), int(date[4:6]), int(date[6:])) + datetime.timedelta(days=7)).strftime("%Y%m%d")
            w(f"EXDATE;VALUE=DATE:{week}" if allday else f"EXDATE;TZID=Europe/London:{week}T{h:02d}{minute}00")
    w("DTSTAMP:20261201T120000Z")
    uid = f"{i:08d}{rng.getrandbits(64):016x}@google.com"
    w(f"UID:{uid}")
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
    i += 1
    if rule and not allday and i < n and rng.random() < 0.5:
        # The first date moved an hour later.
        w("BEGIN:VEVENT")
        w(f"UID:{uid}")
        w(f"RECURRENCE-ID;TZID=Europe/London:{date}T{h:02d}{minute}00")
        w(f"DTSTART;TZID=Europe/London:{date}T{h + 1:02d}{minute}00")
        w(f"DTEND;TZID=Europe/London:{date}T{h + 2:02d}{minute}00")
        w("DTSTAMP:20261201T120000Z")
        w("SUMMARY:Moved: " + rng.choice(words))
        w("END:VEVENT")
        i += 1
w("END:VCALENDAR")
