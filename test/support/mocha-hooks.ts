// Tests run in a time zone far from UTC so that any date shifted by the process time zone
// (instead of staying a calendar date) shows up as a failure.
process.env.TZ = 'America/Chicago';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'error';
