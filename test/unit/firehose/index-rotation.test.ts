/** IndexRotationPeriod's suffixes, for AWS's example and around the turn of the year (US weeks: Sunday first, week 1 holds January 1st). */
import { describe, expect, it } from "vitest";
import { rotatedIndexName, usWeek } from "../../../src/firehose/destinations/index-rotation";

const at = (iso: string) => Date.parse(iso);

describe("index rotation", () => {
  it("appends AWS's suffixes to the index name (es-index-rotation: myindex at 2016-02-25T13:00:00Z)", () => {
    const arrival = at("2016-02-25T13:00:00Z");
    expect(rotatedIndexName("myindex", "NoRotation", arrival)).toBe("myindex");
    expect(rotatedIndexName("myindex", "OneHour", arrival)).toBe("myindex-2016-02-25-13");
    expect(rotatedIndexName("myindex", "OneDay", arrival)).toBe("myindex-2016-02-25");
    expect(rotatedIndexName("myindex", "OneMonth", arrival)).toBe("myindex-2016-02");
    // The US week of AWS's rule (Thursday of the week Sunday 21 to Saturday 27 February: the ninth).
    expect(rotatedIndexName("myindex", "OneWeek", arrival)).toBe("myindex-2016-w09");
  });

  it("takes the time in UTC, to the millisecond", () => {
    expect(rotatedIndexName("logs", "OneHour", at("2024-03-10T23:59:59.999Z"))).toBe("logs-2024-03-10-23");
    expect(rotatedIndexName("logs", "OneHour", at("2024-03-11T00:00:00.000Z"))).toBe("logs-2024-03-11-00");
    expect(rotatedIndexName("logs", "OneDay", at("2024-02-29T12:00:00Z"))).toBe("logs-2024-02-29");
  });

  it("numbers weeks from the one holding January 1st, which may start in December", () => {
    const cases: [string, string][] = [
      ["2016-01-01T00:00:00Z", "2016-w01"], // a Friday: week 1 runs Sunday 27 December to Saturday 2 January
      ["2015-12-31T00:00:00Z", "2016-w01"],
      ["2015-12-26T23:59:59Z", "2015-w52"],
      ["2016-01-03T00:00:00Z", "2016-w02"], // the first Sunday after
      ["2016-12-31T00:00:00Z", "2016-w53"], // a Saturday: 2017's week 1 starts the next day
      ["2017-01-01T00:00:00Z", "2017-w01"],
      ["2020-12-27T00:00:00Z", "2021-w01"],
      ["2021-01-02T12:00:00Z", "2021-w01"],
    ];
    for (const [iso, week] of cases) expect(usWeek(at(iso)), iso).toBe(week);
  });

  it("works before 1970 too", () => {
    expect(usWeek(at("1969-12-31T12:00:00Z"))).toBe("1970-w01");
    expect(usWeek(at("1969-12-27T12:00:00Z"))).toBe("1969-w52");
  });
});
