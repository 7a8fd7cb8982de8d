-- Check-ins over time, for the console's chart: each server node counts the check-ins it answered per minute and adds
-- them here every few seconds (so any number of nodes share one row per minute). Kept 14 days.
CREATE TABLE check_in_counts (
    minute     timestamptz PRIMARY KEY,
    check_ins  bigint NOT NULL CHECK (check_ins >= 0)
);
