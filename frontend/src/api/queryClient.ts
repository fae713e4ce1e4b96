import { QueryClient } from "@tanstack/react-query";
import { ApiProblem } from "./problem";

/** The app's one query cache: the pages' queries, and what a route asks for before its code has loaded. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (count, error) =>
        !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
