import { queryOptions } from "@tanstack/react-query";
import { api, unwrap } from "../client";

/** Whom the accessibility statement names for reporting a barrier (public, set per installation). */
export const accessibilityContactQuery = () =>
  queryOptions({
    queryKey: ["accessibility", "contact"] as const,
    queryFn: () => unwrap(api.GET("/api/v1/accessibility/contact")),
    staleTime: Infinity,
  });
