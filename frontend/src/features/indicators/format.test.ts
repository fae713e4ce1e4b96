import { describe, expect, it } from "vitest";
import { formatChange, formatProgress, formatValue, niceTicks, numberForInput, parseNumber } from "./format";

describe("indicator numbers", () => {
  it("writes a decimal comma in nb and nn and a point in en", () => {
    expect(formatValue(3.25, "nb")).toBe("3,25");
    expect(formatValue(3.25, "nn")).toBe("3,25");
    expect(formatValue(3.25, "en")).toBe("3.25");
  });

  it("adds the unit, a percent sign with a space", () => {
    expect(formatValue(7.5, "nb", "%")).toBe("7,5 %");
    expect(formatValue(4, "en", "snitt 1–5")).toBe("4 snitt 1–5");
    expect(formatValue(null, "nb", "%")).toBe("—");
  });

  it("signs changes", () => {
    expect(formatChange(0.2, "nb")).toBe("+0,2");
    expect(formatChange(-0.1, "nb")).toMatch(/^[-−]0,1$/);
    expect(formatChange(0, "en")).toBe("0");
    expect(formatChange(null, "en")).toBe("—");
  });

  it("shows progress as a whole percentage", () => {
    expect(formatProgress(0.25, "nb").replace(/\s/g, " ")).toBe("25 %");
    expect(formatProgress(0.25, "en")).toBe("25%");
    expect(formatProgress(1.111, "en")).toBe("111%");
    expect(formatProgress(null, "nb")).toBe("—");
  });

  it("reads numbers typed with a comma or a point", () => {
    expect(parseNumber("3,4")).toBe(3.4);
    expect(parseNumber(" 3.4 ")).toBe(3.4);
    expect(parseNumber("1 200,5")).toBe(1200.5);
    expect(parseNumber("−2")).toBe(-2);
    expect(parseNumber("tre")).toBeNull();
    expect(parseNumber("")).toBeNull();
    expect(numberForInput(1200.5, "nb")).toBe("1200,5");
  });
});

describe("chart ticks", () => {
  it("are round and cover the values with room to spare", () => {
    expect(niceTicks(3.1, 4.2)).toEqual([3, 3.5, 4, 4.5]);
    expect(niceTicks(61.5, 80)).toEqual([60, 65, 70, 75, 80, 85]);
    const one = niceTicks(5, 5);
    expect(one[0]).toBeLessThan(5);
    expect(one[one.length - 1]).toBeGreaterThan(5);
  });
});
