import { describe, expect, it } from "vitest";
import { changedFields } from "./conflict";

describe("changedFields", () => {
  it("keeps only the fields that differ from the saved record", () => {
    expect(changedFields({ title: "Ny", status: "open" }, { title: "Gammel", status: "open" })).toEqual({
      title: "Ny",
    });
  });

  it("compares lists by their contents, in order", () => {
    const saved = { event_types: ["task.created", "task.updated"], tags: [] };
    expect(changedFields({ event_types: ["task.created", "task.updated"], tags: [] }, saved)).toEqual({});
    expect(changedFields({ event_types: ["task.updated", "task.created"], tags: [] }, saved)).toEqual({
      event_types: ["task.updated", "task.created"],
    });
    expect(changedFields({ event_types: [], tags: [] }, saved)).toEqual({ event_types: [] });
  });

  it("tells null from an empty list and from a missing field", () => {
    expect(changedFields({ project_id: null, items: [] }, { project_id: null, items: null })).toEqual({ items: [] });
    expect(changedFields({ description: null }, {})).toEqual({ description: null });
  });
});
