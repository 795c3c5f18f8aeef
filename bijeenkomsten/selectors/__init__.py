"""Every read about meetings, one module per subject, with the names of the services' and views'
modules where the subject is the same. Callers import the module under its name plus
`_selectors` (`from bijeenkomsten.selectors import registration as registration_selectors`,
then `registration_selectors.registration_problem`), because `registration`, `werkgroepen`,
`verslagen` ... are also the services' modules a view imports next to them.

- `lists`: which meetings a person sees, the meeting list with its filter, and the screen
  "Aanmeldingen en aanwezigheid" with its CSV.
- `detail`: one meeting with everything its page shows.
- `online`: who may have a meeting's online link (D32): one rule for every output; when the
  join button shows (`join_state`).
- `venue`: the venue as a person may see it: address, route link, accessibility, and the
  contact for the day (seats and researchers only).
- `registration`: a person's registration, whether registering is possible, seats.
- `waitlist`: a person's place on the waiting list.
- `scope`: which registrations a researcher or coordinator may see (D31).
- `attendance`: who counts as present, attendance per municipality and the attendance chart.
- `werkgroepen`: the work groups with their cases as a person may see them.
- `verslagen`: the meeting's report: its versions, the newest, its figures.
- `agenda`: the meetings in a person's calendar feed.
- `privacy`: what is stored about a person (leerkring.privacy).
- `documenten`: who sees which document of a meeting (`audience`, the one rule), the lists.
- `berichten`: who gets a message (`bericht_recipients`) and who reads one
  (`bericht_visible_to`, the one rule), the lists.

Writes live in `bijeenkomsten.services`."""
