import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext } from "react";
import type { Versioned } from "../../api/client";
import { eventKeys, useUpdateEvent, type EventRecord, type EventUpdate } from "../../api/queries/events";
import { EditConflict } from "../../lib/conflict";

/** Where a section hands a conflicting save: the page shows both versions and lets the user choose. */
export const ConflictContext = createContext<(conflict: EditConflict) => void>(() => undefined);

// Saves to one event run one after the other, each with the ETag the one before it answered
// with: several quick changes (attendance row by row, say) must not refuse each other.
const queues = new Map<string, Promise<unknown>>();

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Save changes to an event with If-Match. `compute` makes the changes from the event as it was
 * last read, so that adding a participant keeps the ones added meanwhile. `base` holds, for a
 * form, the fields as they were when the form was filled in: if one of them has changed since,
 * the user is shown both versions instead of one silently winning. A 412 from the API is handed
 * over the same way.
 */
export function useEventSave(id: string, handleConflict?: (conflict: EditConflict) => void) {
  const client = useQueryClient();
  const update = useUpdateEvent(id);
  const fromContext = useContext(ConflictContext);
  const onConflict = handleConflict ?? fromContext;

  const save = (
    compute: (latest: EventRecord) => EventUpdate,
    base?: Partial<EventRecord>,
  ): Promise<Versioned<EventRecord>> => {
    update.reset();
    const run = async () => {
      const latest = client.getQueryData<Versioned<EventRecord>>(eventKeys.detail(id));
      if (!latest) throw new Error(`event ${id} is not loaded`);
      const changes = compute(latest.record);
      const fields = Object.keys(changes) as (keyof EventRecord)[];
      if (base && fields.some((field) => field in base && !same(base[field], latest.record[field]))) {
        throw new EditConflict(latest.record, latest.etag, changes);
      }
      return update.mutateAsync({ etag: latest.etag, changes });
    };
    const result = (queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(run);
    queues.set(id, result);
    result.catch((error) => {
      if (error instanceof EditConflict) onConflict(error);
    });
    return result;
  };

  return { save, error: update.error instanceof EditConflict ? null : update.error, isPending: update.isPending };
}
