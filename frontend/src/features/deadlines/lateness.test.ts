import { describe, expect, it } from "vitest";
import { translate } from "../../i18n";
import { lateBy } from "./lateness";

describe("lateBy", () => {
  const nb = (key: string, vars?: Record<string, string | number>) => translate("nb", key, vars);
  const nn = (key: string, vars?: Record<string, string | number>) => translate("nn", key, vars);
  const en = (key: string, vars?: Record<string, string | number>) => translate("en", key, vars);

  it("words the delay in its largest whole unit, at least one minute", () => {
    expect(lateBy(nb, 1)).toBe("1 minutt");
    expect(lateBy(nb, 59 * 60)).toBe("59 minutter");
    expect(lateBy(nb, 3600)).toBe("1 time");
    expect(lateBy(nn, 5 * 3600 + 10)).toBe("5 timar");
    expect(lateBy(en, 86400)).toBe("1 day");
    expect(lateBy(en, ((3 * 24 + 21) * 60 + 40) * 60)).toBe("3 days");
    expect(translate("nn", "deadlines.late", { by: lateBy(nn, 2 * 86400) })).toBe("Levert 2 dagar for seint");
    expect(translate("en", "deadlines.late", { by: lateBy(en, 120) })).toBe("Submitted 2 minutes late");
  });
});
