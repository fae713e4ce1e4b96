import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { getRecord, patchRecord } from "../../lib/conflict";
import { api, authFetch, etagOf, unwrap, type Schemas, type Versioned } from "../client";
import { ApiProblem, problemFrom } from "../problem";

export type SurveyRound = Schemas["SurveyRoundRead"];
export type SurveyRoundCreate = Schemas["SurveyRoundCreate"];
export type SurveyRoundOpened = Schemas["SurveyRoundOpened"];
export type SurveyRoundClosed = Schemas["SurveyRoundClosed"];
export type SurveyQuestion = Schemas["SurveyQuestionRead"];
export type SurveyQuestionCreate = Schemas["SurveyQuestionCreate"];
export type SurveyQuestionUpdate = Schemas["SurveyQuestionUpdate"];
export type SurveyResults = Schemas["SurveyResults"];
export type QuestionResult = Schemas["QuestionResult"];
export type ImportReport = Schemas["ImportReport"];
export type PublicSurvey = Schemas["PublicSurvey"];
export type AnswerItem = Schemas["AnswerItem"];
export type SurveyAudience = Schemas["SurveyAudience"];
export type SurveySource = Schemas["SurveySource"];
export type SurveyStatus = Schemas["SurveyStatus"];
export type QuestionKind = Schemas["QuestionKind"];

export const SURVEY_AUDIENCES: SurveyAudience[] = ["link", "group", "project"];
export const SURVEY_SOURCES: SurveySource[] = ["samskap", "imported"];
export const QUESTION_KINDS: QuestionKind[] = ["likert", "yes_no", "number", "free_text"];

export const surveyKeys = {
  all: ["surveys"] as const,
  list: (programmeId: string) => [...surveyKeys.all, "list", programmeId] as const,
  round: (id: string) => [...surveyKeys.all, "round", id] as const,
  questions: (id: string) => [...surveyKeys.all, "questions", id] as const,
  results: (id: string, cut?: Cut, responses?: number) =>
    [...surveyKeys.all, "results", id, cut ?? null, responses ?? null] as const,
};

export interface Cut {
  questionId: string;
  value: string;
}

const PAGE_SIZE = 50;
// A round rarely has more questions than this; one page holds them.
const QUESTIONS_LIMIT = 500;

/** The survey rounds of a programme, newest first, a page at a time. */
export const surveyRoundsQuery = (programmeId: string) =>
  infiniteQueryOptions({
    queryKey: surveyKeys.list(programmeId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/survey-rounds", {
          params: {
            query: { programme_id: [programmeId], sort: "-created_at", limit: PAGE_SIZE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });

/** One round with its ETag (the actions send it as If-Match). */
export const surveyRoundQuery = (id: string) =>
  queryOptions({
    queryKey: surveyKeys.round(id),
    queryFn: () => getRecord<SurveyRound>(`/api/v1/survey-rounds/${id}`),
    // While a round is open its response count grows; read it again now and then.
    refetchInterval: (query) => (query.state.data?.record.status === "open" ? 30_000 : false),
  });

/** The questions of a round, in order. */
export const surveyQuestionsQuery = (roundId: string) =>
  queryOptions({
    queryKey: surveyKeys.questions(roundId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/survey-questions", {
            params: { query: { round_id: [roundId], sort: "position", limit: QUESTIONS_LIMIT } },
          }),
        )
      ).items,
  });

/**
 * The round's results under its anonymity threshold, for the whole round or a cut; read again
 * whenever the round's response count (`responses`) has changed.
 */
export const surveyResultsQuery = (roundId: string, cut?: Cut, responses?: number) =>
  queryOptions({
    queryKey: surveyKeys.results(roundId, cut, responses),
    queryFn: () =>
      unwrap(
        api.GET("/api/v1/survey-rounds/{id}/results", {
          params: {
            path: { id: roundId },
            query: cut ? { cut_question_id: cut.questionId, cut_value: cut.value } : {},
          },
        }),
      ),
  });

/** The address of the results as CSV (fetched with the session's token, see downloadResultsCsv). */
export function resultsCsvUrl(roundId: string, cut?: Cut): string {
  const query = cut ? `?${new URLSearchParams({ cut_question_id: cut.questionId, cut_value: cut.value })}` : "";
  return `/api/v1/survey-rounds/${roundId}/results.csv${query}`;
}

/** Fetch the CSV with the session's token and hand it to the browser as a download. */
export async function downloadResultsCsv(roundId: string, cut?: Cut): Promise<void> {
  const response = await authFetch(new Request(resultsCsvUrl(roundId, cut)));
  if (!response.ok) throw await problemFrom(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `survey-${roundId}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export function useCreateSurveyRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyRoundCreate) => unwrap(api.POST("/api/v1/survey-rounds", { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

async function act<T>(roundId: string, action: "open" | "close", etag: string, body?: object): Promise<T> {
  const headers: Record<string, string> = { "If-Match": etag };
  if (body) headers["Content-Type"] = "application/json";
  const response = await authFetch(
    new Request(`/api/v1/survey-rounds/${roundId}/${action}`, {
      method: "POST",
      headers,
      body: body ? JSON.stringify(body) : undefined,
    }),
  );
  if (!response.ok) throw await problemFrom(response);
  return (await response.json()) as T;
}

/** Open a draft round; the answer holds the invitation links, shown this once. */
export function useOpenSurveyRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag }: { id: string; etag: string }) => act<SurveyRoundOpened>(id, "open", etag),
    onSettled: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

/** Close a round, its measurements dated `measuredOn` (default: today); the answer says which were written. */
export function useCloseSurveyRound() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, etag, measuredOn }: { id: string; etag: string; measuredOn?: string }) =>
      act<SurveyRoundClosed>(id, "close", etag, measuredOn ? { measured_on: measuredOn } : undefined),
    onSettled: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useCreateSurveyQuestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyQuestionCreate) => unwrap(api.POST("/api/v1/survey-questions", { body })),
    onSettled: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useUpdateSurveyQuestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      question,
      changes,
    }: {
      question: SurveyQuestion;
      changes: SurveyQuestionUpdate;
    }): Promise<Versioned<SurveyQuestion>> =>
      patchRecord<SurveyQuestion>(`/api/v1/survey-questions/${question.id}`, etagOf(question), changes),
    onSettled: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

export function useDeleteSurveyQuestion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (question: SurveyQuestion) =>
      unwrap(
        api.DELETE("/api/v1/survey-questions/{id}", {
          params: { path: { id: question.id }, header: { "if-match": etagOf(question) } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: surveyKeys.all }),
  });
}

/** Upload a file of imported results; a dry run validates and reports without saving. */
export function useImportResults() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ roundId, file, dryRun }: { roundId: string; file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append("file", file);
      const response = await authFetch(
        new Request(`/api/v1/survey-rounds/${roundId}/imported-results?dry_run=${dryRun}`, {
          method: "POST",
          body: form,
        }),
      );
      if (!response.ok) throw await problemFrom(response);
      return (await response.json()) as ImportReport;
    },
    onSuccess: (_report, { dryRun }) => {
      if (!dryRun) client.invalidateQueries({ queryKey: surveyKeys.all });
    },
  });
}

// Answering, without an account: plain fetch, never the session's token.

/** The survey a link opens. */
export const publicSurveyQuery = (token: string) =>
  queryOptions({
    queryKey: ["survey-answers", token],
    queryFn: async () => {
      const response = await fetch(`/api/v1/survey-answers/${encodeURIComponent(token)}`, {
        credentials: "same-origin",
      });
      if (!response.ok) throw await problemFrom(response);
      return (await response.json()) as PublicSurvey;
    },
    retry: false,
  });

export function useSubmitAnswers(token: string) {
  return useMutation({
    mutationFn: async (answers: AnswerItem[]) => {
      const response = await fetch(`/api/v1/survey-answers/${encodeURIComponent(token)}`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answers }),
      });
      if (!response.ok) throw await problemFrom(response);
      return response.json();
    },
  });
}

export { ApiProblem, etagOf };
