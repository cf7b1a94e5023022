"""Occurrences of recurring events as Python's icalendar and recurring-ical-events read them.

Reads JSON from stdin: a list of {"id": ..., "ics": VCALENDAR text, "from": "YYYY-MM-DD",
"to": "YYYY-MM-DD"}, and prints JSON: {id: [start, ...]} with each start as seconds since
1970 (a timed occurrence) or "YYYY-MM-DD" (an all-day one), in order. Used by
RecurrenceDifferentialTests as the reference the domain's expansion is compared with.
"""
import datetime
import json
import sys

import icalendar
import recurring_ical_events


def start_of(component):
    value = component["DTSTART"].dt
    if isinstance(value, datetime.datetime):
        return int(value.timestamp())
    return value.isoformat()


def main():
    cases = json.load(sys.stdin)
    result = {}
    for case in cases:
        calendar = icalendar.Calendar.from_ical(case["ics"])
        first = datetime.date.fromisoformat(case["from"])
        last = datetime.date.fromisoformat(case["to"])
        events = recurring_ical_events.of(calendar).between(first, last)
        starts = [start_of(e) for e in events]
        starts.sort(key=lambda s: (isinstance(s, str), s))
        result[case["id"]] = starts
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
