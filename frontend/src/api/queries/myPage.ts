import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { eventKeys } from "./events";

export type MyOverview = Schemas["MyOverview"];
export type MyProgramme = Schemas["MyProgramme"];
export type MyMeeting = Schemas["MyMeeting"];
export type MyTask = Schemas["MyTask"];
export type MyDeadline = Schemas["MyDeadline"];
export type MyHearing = Schemas["MyHearing"];
export type MyIdea = Schemas["MyIdea"];
export type MySurveyRound = Schemas["MySurveyRound"];
export type AttendanceReply = Schemas["AttendanceReply"];

export const ATTENDANCE_REPLIES: AttendanceReply[] = ["attending", "declined"];

export const myPageKeys = {
  all: ["me"] as const,
  overview: () => [...myPageKeys.all, "overview"] as const,
};

/** The signed-in user's own page, across the programmes they have a role in. */
export const myOverviewQuery = () =>
  queryOptions({
    queryKey: myPageKeys.overview(),
    queryFn: () => unwrap(api.GET("/api/v1/me/overview")),
  });

/** Answer one's own invitation to a meeting; the page and the event's own page show it. */
export function useReplyToEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, reply }: { eventId: string; reply: AttendanceReply }) =>
      unwrap(api.POST("/api/v1/events/{id}/reply", { params: { path: { id: eventId } }, body: { reply } })),
    onSuccess: (_event, { eventId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: myPageKeys.all }),
        client.invalidateQueries({ queryKey: eventKeys.detail(eventId) }),
      ]),
  });
}

/** A fresh link to one's own survey invitation (the earlier one stops working). */
export function useMySurveyLink() {
  return useMutation({
    mutationFn: (roundId: string) =>
      unwrap(api.POST("/api/v1/survey-rounds/{id}/my-link", { params: { path: { id: roundId } } })),
  });
}
