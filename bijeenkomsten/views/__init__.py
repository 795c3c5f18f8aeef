"""The meeting pages, one module per subject; bijeenkomsten/urls.py imports each module.

Shared: `common` (the meeting from the URL, ids from a form), `venue` (the meeting page's venue,
join button and calendar links). Subjects: `lists`, `detail`,
`registration`, `werkgroepen`, `agenda` (calendars), `planning`, `attendance` and `verslagen`
(the report and the PDF views)."""
