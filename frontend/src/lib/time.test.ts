import { describe, expect, it } from "vitest";
import { addDays, instantToOsloLocal, osloDate, osloLocalToInstant, osloToday } from "./time";

describe("Oslo time", () => {
  it("gives local wall-clock times the offset Oslo has that day", () => {
    expect(osloLocalToInstant("2018-09-06T16:00")).toBe("2018-09-06T16:00:00+02:00");
    expect(osloLocalToInstant("2018-12-20T09:30")).toBe("2018-12-20T09:30:00+01:00");
  });

  it("reads instants back as Oslo dates and times", () => {
    expect(osloDate("2018-09-06T23:30:00+02:00")).toBe("2018-09-06");
    expect(osloDate("2018-09-06T22:30:00Z")).toBe("2018-09-07");
    expect(instantToOsloLocal("2018-12-20T08:30:00Z")).toBe("2018-12-20T09:30");
  });

  it("counts days across month ends", () => {
    expect(addDays("2018-09-28", 14)).toBe("2018-10-12");
    expect(osloToday(new Date("2020-01-01T00:30:00+01:00"))).toBe("2020-01-01");
  });
});
