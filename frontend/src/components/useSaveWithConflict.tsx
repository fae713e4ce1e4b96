import { useState } from "react";
import { EditConflict } from "../lib/conflict";
import { ConflictDialog } from "./ConflictDialog";

interface SaveCallbacks {
  onSuccess: () => void;
  onError: (error: unknown) => void;
}

/**
 * A form's save with If-Match: `save(changes)` sends them; when someone else saved first, the
 * conflict dialog (`conflictDialog`, rendered beside the form) offers both values side by side
 * and saves the user's choice against the newest version. Any other refusal is left to the
 * mutation's error, after `onRefused` (a form focuses its first invalid field there).
 *   const { save, conflictDialog } = useSaveWithConflict({
 *     send: (changes: ProjectUpdate, etag = base.etag, done) => update.mutate({ etag, changes }, done),
 *     onSaved: () => onDone(true),
 *     labels,
 *     display,
 *   });
 */
export function useSaveWithConflict<C>({
  send,
  onSaved,
  onRefused,
  labels,
  display,
}: {
  /**
   * Sends the changes (a mutation's `mutate`, given `done` as its callbacks); `etag` is the
   * newest version's once the user has resolved a conflict, else none.
   */
  send: (changes: C, etag: string | undefined, done: SaveCallbacks) => void;
  onSaved: () => void;
  onRefused?: () => void;
  labels: Record<string, string>;
  display?: (field: string, value: unknown) => string;
}) {
  const [conflict, setConflict] = useState<EditConflict | null>(null);
  const save = (changes: C, etag?: string) => {
    send(changes, etag, {
      onSuccess: onSaved,
      onError: (error) => {
        if (error instanceof EditConflict) setConflict(error);
        else onRefused?.();
      },
    });
  };
  const conflictDialog = conflict && (
    <ConflictDialog
      conflict={conflict}
      labels={labels}
      display={display}
      onCancel={() => setConflict(null)}
      onResolve={(changes, etag) => {
        setConflict(null);
        save(changes as C, etag);
      }}
    />
  );
  return { save, conflict, conflictDialog };
}
