import { useSearchParams } from "react-router-dom";

/** Query parameters to change: a value sets one, an empty value or undefined removes it. */
export type ParamChanges = Record<string, string | undefined>;

/**
 * The page's query string, where list pages keep their filters so that a filtered list can be
 * bookmarked and shared, and a way to change some of its parameters and keep the rest.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();
  const set = (changes: ParamChanges, replace = true) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace },
    );
  return [params, set] as const;
}
