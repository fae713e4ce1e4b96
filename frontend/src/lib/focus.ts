/**
 * Where keyboard focus goes when a dialog or an in-place form opens, saves and closes (WCAG 2.4.3).
 *
 * - `useFocusOnOpen(active?)`: put the returned ref on a Designsystemet `<Dialog>` or on an
 *   in-place form (or its wrapper). When it mounts, or `active` turns true, focus moves to its
 *   first field, or to the element marked `data-autofocus` (a confirm dialog marks its least
 *   destructive action). When it goes away (unmount, or `active` turns false) focus returns to
 *   the element that had it before (the button that opened it), unless the user or the page has
 *   already put focus somewhere else.
 *     const focusRef = useFocusOnOpen<HTMLDialogElement>();
 *     <Dialog ref={focusRef} open ...>
 * - `focusWhenPresent(find)`: after a save, move focus to the saved record (its row or link) as
 *   soon as it is on the page, for example a created task once the list has been fetched again.
 *   Given up when the user presses a key or clicks first, so focus never jumps under their hands.
 *     onSaved: (task) => focusWhenPresent(() => document.getElementById(`task-${task.id}`))
 * - `focusFirstField(container)`: the first step on its own, for code that opens things itself.
 */
import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from "react";

const FIELDS = [
  "input:not([type=hidden]):not([disabled])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[contenteditable=true]",
].join(",");

const FOCUSABLE = [FIELDS, "button:not([disabled])", "a[href]", "[tabindex]:not([tabindex='-1'])"].join(",");

/** The close button Designsystemet's Dialog puts first: the last thing to focus, not the first. */
function isDialogClose(element: Element): boolean {
  return element.getAttribute("command") === "close" || element.hasAttribute("data-command");
}

/**
 * Focuses, inside `container`, the element marked `data-autofocus`, else the first field that
 * is marked invalid, else the first field, else the first other focusable element except a
 * dialog's close button. Returns whether something was focused.
 */
export function focusFirstField(container: HTMLElement | null): boolean {
  if (!container) return false;
  const candidates = [
    container.querySelector<HTMLElement>("[data-autofocus]"),
    container.querySelector<HTMLElement>(
      "input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]",
    ),
    container.querySelector<HTMLElement>(FIELDS),
    Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).find((e) => !isDialogClose(e)) ?? null,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    candidate.focus();
    if (document.activeElement === candidate) return true;
  }
  return false;
}

/** Whether focus has been dropped (to the body) or is still inside what is going away. */
function focusIsLost(container: HTMLElement | null): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected || (!!container && container.contains(active));
}

/**
 * Focus the first field of what the ref is on while `active`, and give focus back to the
 * opener afterwards. See the module comment.
 */
export function useFocusOnOpen<T extends HTMLElement = HTMLElement>(
  active = true,
  /** Where focus goes back when the opener is gone (a button that gave way to its form). */
  fallback?: () => HTMLElement | null,
): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  const fallbackRef = useRef(fallback);
  useEffect(() => {
    fallbackRef.current = fallback;
  });
  useEffect(() => {
    if (!active) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const container = ref.current;
    // Runs after Designsystemet's Dialog has called showModal() (a child's effects run first),
    // which would otherwise leave focus on the dialog's close button.
    focusFirstField(container);
    return () => {
      if (!focusIsLost(container)) return;
      // By now the page has rendered what replaces the form, a button given back included.
      const target = opener && opener !== document.body && opener.isConnected ? opener : fallbackRef.current?.();
      target?.focus();
    };
  }, [active]);
  return ref;
}

/**
 * Moves focus to what `find` returns as soon as it is on the page (now, or when the page next
 * changes), unless the user presses a key or clicks first; gives up after `patience` ms.
 * Returns a function that gives up at once.
 */
export function focusWhenPresent(find: () => HTMLElement | null, patience = 10_000): () => void {
  let done = false;
  const observer = new MutationObserver(() => attempt());
  const stop = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    document.removeEventListener("keydown", stop, true);
    document.removeEventListener("pointerdown", stop, true);
  };
  function attempt() {
    if (done) return;
    const target = find();
    // A modal dialog still open makes the page inert: wait until it has gone.
    if (!target || target.closest("[inert]") || document.querySelector("dialog[open][data-modal=true]")) return;
    target.focus();
    if (document.activeElement === target) stop();
  }
  const timer = setTimeout(stop, patience);
  document.addEventListener("keydown", stop, true);
  document.addEventListener("pointerdown", stop, true);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["open"] });
  queueMicrotask(attempt);
  return stop;
}

const STEPS: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Keyboard handler for a view switch (a Designsystemet ToggleGroup, whose options are radios):
 * the arrow keys, Home and End choose the next, previous, first or last view and move focus to
 * it, as in a radio group, so only the chosen option is a Tab stop.
 *   <ToggleGroup value={view} onKeyDown={switchWithArrows(VIEWS, view, setView)} ...>
 */
export function switchWithArrows<V extends string>(
  values: readonly V[],
  current: V,
  choose: (value: V) => void,
): (event: ReactKeyboardEvent<HTMLElement>) => void {
  return (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = values.indexOf(current);
    let index: number;
    if (event.key === "Home") index = 0;
    else if (event.key === "End") index = values.length - 1;
    else if (event.key in STEPS) index = (at + STEPS[event.key] + values.length) % values.length;
    else return;
    event.preventDefault();
    const next = values[index];
    if (next !== current) choose(next);
    event.currentTarget.querySelector<HTMLElement>(`input[value="${next}"]`)?.focus();
  };
}
