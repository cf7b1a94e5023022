#!/usr/bin/env python3
"""Reads and writes schoolgate's formats with tools nobody on the schoolgate team wrote.

Used by the Swift tests in SchoolGateInteropTests. Every subcommand prints JSON on stdout.

  modules                   which of the needed Python modules are missing
  ics FILE                  the events of an iCalendar file, parsed with `icalendar`
  occurrences FILE FROM TO  the occurrences of the events of an iCalendar file whose span
                            meets the days FROM (YYYY-MM-DD) up to TO (not included),
                            expanded with `recurring-ical-events`
  vcf FILE                  the cards of a vCard file, parsed with `vobject`
  eml FILE...               e-mail messages, parsed with the standard `email` package
  make-ics OUT              writes a calendar with `icalendar` (time zones, all-day,
                            long Unicode text) and prints what it holds
  smtp-server DIR           runs an `aiosmtpd` SMTP server on 127.0.0.1 (a free port),
                            prints {"port": N}, stores each message in DIR, and stops
                            when its standard input closes (or after 120 seconds)
"""

import asyncio
import datetime
import json
import os
import sys


def out(value):
    json.dump(value, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    sys.stdout.flush()


def modules():
    missing = []
    for name in ("icalendar", "vobject", "aiosmtpd", "recurring_ical_events"):
        try:
            __import__(name)
        except ImportError:
            missing.append(name)
    out({"missing": missing})


def text_of(value):
    if value is None:
        return None
    if hasattr(value, "to_ical") and not isinstance(value, str):
        raw = value.to_ical()
        return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    return str(value)


def when(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return {"kind": "floating", "local": value.isoformat()}
        return {"kind": "instant", "epoch": int(value.timestamp())}
    return {"kind": "date", "date": value.isoformat()}


def as_text(raw):
    """An escaped value read the way icalendar reads a TEXT property (SUMMARY)."""
    from icalendar import Event

    event = Event.from_ical("BEGIN:VEVENT\r\nSUMMARY:" + raw + "\r\nEND:VEVENT\r\n")
    return str(event["SUMMARY"])


def ics(path):
    from icalendar import Calendar

    with open(path, "rb") as f:
        calendar = Calendar.from_ical(f.read())
    events = []
    for event in calendar.walk("VEVENT"):
        events.append({
            "uid": text_of(event.get("UID")),
            "summary": text_of(event.get("SUMMARY")) if event.get("SUMMARY") is not None else None,
            "location": str(event.get("LOCATION")) if event.get("LOCATION") is not None else None,
            "description": str(event.get("DESCRIPTION")) if event.get("DESCRIPTION") is not None else None,
            "class": text_of(event.get("CLASS")),
            "audience": text_of(event.get("X-SCHOOLGATE-AUDIENCE")),
            "start": when(event.decoded("DTSTART")) if "DTSTART" in event else None,
            "end": when(event.decoded("DTEND")) if "DTEND" in event else None,
            "stamp": when(event.decoded("DTSTAMP")) if "DTSTAMP" in event else None,
        })
    out({
        "version": text_of(calendar.get("VERSION")),
        "prodid": text_of(calendar.get("PRODID")),
        "calscale": text_of(calendar.get("CALSCALE")),
        # An X- property's default value type is TEXT (RFC 5545 3.8.8.2); icalendar keeps
        # unknown properties raw, so unescape it as TEXT here.
        "name": as_text(text_of(calendar.get("X-WR-CALNAME"))) if calendar.get("X-WR-CALNAME") is not None else None,
        "events": events,
        "errors": [str(e) for c in calendar.walk() for e in getattr(c, "errors", [])],
    })


def occurrences(path, first, after):
    import recurring_ical_events
    from icalendar import Calendar

    with open(path, "rb") as f:
        calendar = Calendar.from_ical(f.read())
    low = datetime.date.fromisoformat(first)
    high = datetime.date.fromisoformat(after)
    listed = []
    for event in recurring_ical_events.of(calendar).between(low, high):
        listed.append({
            "uid": text_of(event.get("UID")),
            "summary": str(event.get("SUMMARY")) if event.get("SUMMARY") is not None else None,
            "start": when(event.decoded("DTSTART")),
            "end": when(event.decoded("DTEND")) if "DTEND" in event else None,
        })
    out({"occurrences": listed})


def vcf(path):
    import vobject

    with open(path, "r", encoding="utf-8", newline="") as f:
        data = f.read()
    cards = []
    for card in vobject.readComponents(data):
        def values(name):
            return [line.value for line in card.contents.get(name, [])]

        n = card.contents.get("n", [None])[0]
        cards.append({
            "version": values("version")[0] if values("version") else None,
            "fn": values("fn")[0] if values("fn") else None,
            "family": n.value.family if n is not None else None,
            "given": n.value.given if n is not None else None,
            "org": [list(v) if isinstance(v, (list, tuple)) else [v] for v in values("org")],
            "title": values("title"),
            "email": values("email"),
            "tel": values("tel"),
            "note": values("note"),
            "uid": values("uid"),
        })
    out({"cards": cards})


def eml(paths):
    import email
    import email.policy
    import email.utils

    messages = []
    for path in paths:
        with open(path, "rb") as f:
            raw = f.read()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        sender = message["From"]
        recipient = message["To"]
        body = message.get_body(preferencelist=("plain",))
        messages.append({
            "file": os.path.basename(path),
            "from_name": sender.addresses[0].display_name if sender else None,
            "from_address": sender.addresses[0].addr_spec if sender else None,
            "to_name": recipient.addresses[0].display_name if recipient else None,
            "to_address": recipient.addresses[0].addr_spec if recipient else None,
            "subject": str(message["Subject"]),
            "date_epoch": int(email.utils.parsedate_to_datetime(str(message["Date"])).timestamp()),
            "message_id": str(message["Message-ID"]),
            "mime_version": str(message["MIME-Version"]),
            "content_type": message.get_content_type(),
            "charset": message.get_content_charset(),
            "transfer_encoding": str(message["Content-Transfer-Encoding"]),
            # The parsed body keeps the message's CRLF line ends; compare text with LF.
            "body": body.get_content().replace("\r\n", "\n") if body is not None else None,
            "defects": [type(d).__name__ for d in message.defects]
                       + [type(d).__name__ for h in message.values() for d in getattr(h, "defects", [])],
            "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
            "max_line": max(len(line) for line in raw.split(b"\r\n")),
        })
    out({"messages": messages})


def make_ics(path):
    from zoneinfo import ZoneInfo
    from icalendar import Calendar, Event

    london = ZoneInfo("Europe/London")
    utc = datetime.timezone.utc
    calendar = Calendar()
    calendar.add("prodid", "-//schoolgate tests//python icalendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Année scolaire, 2026")
    long_text = "Réunion des parents 👨‍👩‍👧 — 日本語のテキスト; «café», naïve\\façade.\n" * 4
    specs = [
        ("py-1@example.org", "Sports day; bring water, hats", datetime.datetime(2026, 6, 12, 9, 30, tzinfo=london),
         datetime.datetime(2026, 6, 12, 15, 0, tzinfo=london), "Field, Hillside", long_text),
        ("py-2@example.org", "Clocks go forward", datetime.datetime(2026, 3, 29, 0, 30, tzinfo=london),
         datetime.datetime(2026, 3, 29, 3, 30, tzinfo=london), "", ""),
        ("py-3@example.org", "INSET day", datetime.date(2026, 9, 1), datetime.date(2026, 9, 2), "", ""),
        ("py-4@example.org", "Half term", datetime.date(2026, 10, 26), datetime.date(2026, 10, 31), "", "No school"),
        ("py-5@example.org", "Governors (UTC)", datetime.datetime(2026, 11, 3, 18, 0, tzinfo=utc),
         datetime.datetime(2026, 11, 3, 19, 30, tzinfo=utc), "Library", "Agenda: 1) minutes\n2) budget"),
    ]
    expected = []
    for uid, summary, start, end, location, description in specs:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", datetime.datetime(2026, 1, 1, tzinfo=utc))
        event.add("summary", summary)
        event.add("dtstart", start)
        event.add("dtend", end)
        if location:
            event.add("location", location)
        if description:
            event.add("description", description)
        calendar.add_component(event)
        expected.append({"uid": uid, "summary": summary, "location": location, "description": description,
                         "start": when(start), "end": when(end)})
    calendar.add_missing_timezones()
    with open(path, "wb") as f:
        f.write(calendar.to_ical())
    out({"name": "Année scolaire, 2026", "events": expected})


def smtp_server(folder):
    from aiosmtpd.smtp import SMTP

    class Handler:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Handler.count += 1
            name = os.path.join(folder, "%03d.eml" % Handler.count)
            with open(name + ".part", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            with open(name + ".envelope.json", "w") as f:
                json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos}, f)
            os.rename(name + ".part", name)
            return "250 Message accepted for delivery"

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: SMTP(Handler(), hostname="schoolgate-test"),
                                          host="127.0.0.1", port=0)
        out({"port": server.sockets[0].getsockname()[1]})
        stdin_closed = loop.run_in_executor(None, sys.stdin.read)
        try:
            await asyncio.wait_for(stdin_closed, timeout=120)
        except asyncio.TimeoutError:
            pass
        server.close()

    asyncio.run(main())
    os._exit(0)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "modules":
        modules()
    elif command == "ics":
        ics(args[0])
    elif command == "occurrences":
        occurrences(args[0], args[1], args[2])
    elif command == "vcf":
        vcf(args[0])
    elif command == "eml":
        eml(args)
    elif command == "make-ics":
        make_ics(args[0])
    elif command == "smtp-server":
        smtp_server(args[0])
    else:
        sys.exit("unknown command " + command)


if __name__ == "__main__":
    main()
