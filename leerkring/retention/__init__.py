"""How long personal data is kept, and the daily run that removes it when its time is up.

- `table`: the one declaration. Every kind of personal data the platform holds (PERSONAL_DATA,
  each with the model fields it lives in), and every retention rule (RULES: what, how long,
  and whether it is deleted, wiped or made anonymous). The privacy statement
  (templates/leerkring/privacy.html) is rendered from it, so the statement and the code cannot
  disagree; tests/leerkring/test_retention.py fails when a model gets a personal field that is
  not declared here.
- `services`: what each rule does, and `retention_apply`, run by beat once a day (task
  `leerkring.retention_apply`), at most once per day (the day is claimed with a unique row,
  core.RetentionRun), writing one audit line per rule that removed something."""
