/**
 * IndexRotationPeriod: the part of a record's arrival time (UTC) Firehose appends to IndexName
 * (https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#es-index-rotation): for an
 * arrival at 2016-02-25T13:00:00Z, NoRotation `myindex`, OneHour `myindex-2016-02-25-13`, OneDay
 * `myindex-2016-02-25`, OneMonth `myindex-2016-02`, OneWeek `myindex-2016-w09`.
 *
 * Weeks follow the rule AWS's note gives ("US conventions"): a week starts on Sunday, and week 1 is
 * the first week that contains a Saturday of the year, i.e. the week of January 1st. Its year is the
 * year of the week's Saturday, so December 28th to 31st may fall in week 1 of the next year. (The
 * table on the same page shows `2016-w08` for that example, the ISO week; the note is the rule
 * written out, and is what this follows.)
 */
import type { IndexRotationPeriod } from "./opensearch";

const DAY_MS = 86_400_000;
const pad = (value: number) => String(value).padStart(2, "0");

/** `yyyy-'w'ww` of the US week the moment falls in. */
export function usWeek(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 has weekday 4 (Sunday = 0).
  const weekday = (((day + 4) % 7) + 7) % 7;
  const saturday = new Date((day - weekday + 6) * DAY_MS);
  const year = saturday.getUTCFullYear();
  const dayOfYear = Math.floor((saturday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return `${year}-w${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

/** IndexName with the rotation's suffix for a record that arrived at `arrivalMs`. */
export function rotatedIndexName(indexName: string, period: IndexRotationPeriod, arrivalMs: number): string {
  const time = new Date(arrivalMs);
  const date = `${time.getUTCFullYear()}-${pad(time.getUTCMonth() + 1)}`;
  switch (period) {
    case "NoRotation":
      return indexName;
    case "OneHour":
      return `${indexName}-${date}-${pad(time.getUTCDate())}-${pad(time.getUTCHours())}`;
    case "OneDay":
      return `${indexName}-${date}-${pad(time.getUTCDate())}`;
    case "OneWeek":
      return `${indexName}-${usWeek(arrivalMs)}`;
    case "OneMonth":
      return `${indexName}-${date}`;
  }
}
