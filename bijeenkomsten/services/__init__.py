"""Every write about meetings, one module per subject; callers import the module they need
(`from bijeenkomsten.services import registration`, then `registration.aanmelding_create`).

- `planning`: a meeting and its programme: save, duplicate, cancel.
- `registration`: registering and cancelling a registration.
- `waitlist`: giving freed seats to the waiting list.
- `werkgroepen`: work groups: create, join or place, balance, the cases they discussed.
- `attendance`: the attendance list and its PDF.
- `verslagen`: the meeting's report: save, publish, render.
- `agenda`: the personal calendar feed's token.
- `reminders`: the reminder e-mails before a meeting.
- `mail`: the e-mail about a meeting to one registered person (with the .ics).
- `privacy`: erasing a person's data (leerkring.privacy).
- `documenten`: a meeting's documents: upload, the worker's check by content, delete.
- `berichten`: writing to participants (a meeting's people, its waiting list, a work group, the
  circle, a municipality): preview count, limits, send through the outbox.

Capacity is guarded by locking the meeting's row (`select_for_update`) for the length of each
registration, cancellation or promotion, so concurrent registrations are decided one at a time;
the partial unique constraint on Aanmelding makes a second active registration impossible.
Reads live in `bijeenkomsten.selectors`; refusals are `bijeenkomsten.errors`."""
