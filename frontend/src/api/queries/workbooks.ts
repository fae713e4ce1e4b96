import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { patchRecord } from "../../lib/conflict";
import { api, etagOf, unwrap, unwrapVersioned, type Schemas, type Versioned } from "../client";
import { deadlineKeys } from "./deadlines";

export type Template = Schemas["TemplateRead"];
export type TemplateCreate = Schemas["TemplateCreate"];
export type TemplateSection = Schemas["TemplateSection"];
export type RequiredAttachment = Schemas["RequiredAttachment"];
export type Submission = Schemas["SubmissionRead"];
export type SubmissionCreate = Schemas["SubmissionCreate"];
export type VersionSummary = Schemas["VersionSummary"];
export type Version = Schemas["VersionRead"];
export type VersionCreate = Schemas["VersionCreate"];
export type VersionUpdate = Schemas["VersionUpdate"];
export type VersionComparison = Schemas["VersionComparison"];
export type Delivery = Schemas["Delivery"];
export type StoredFile = Schemas["StoredFileRead"];

export const workbookKeys = {
  all: ["workbooks"] as const,
  templates: (programmeId: string) => [...workbookKeys.all, "templates", programmeId] as const,
  submissions: (programmeId: string, projectId?: string) =>
    [...workbookKeys.all, "submissions", programmeId, projectId ?? null] as const,
  submission: (id: string) => [...workbookKeys.all, "submission", id] as const,
  versions: (submissionId: string) => [...workbookKeys.all, "versions", submissionId] as const,
  compare: (from: string, to: string) => [...workbookKeys.all, "compare", from, to] as const,
  files: (programmeId: string) => [...workbookKeys.all, "files", programmeId] as const,
};

// A programme has a handful of templates, a project a handful of submissions, a submission a
// handful of versions: one page holds them all.
const LIMIT = 200;

export const templatesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: workbookKeys.templates(programmeId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/templates", {
            params: { query: { programme_id: [programmeId], sort: "title", limit: LIMIT } },
          }),
        )
      ).items,
  });

export const submissionsQuery = (programmeId: string, projectId?: string) =>
  queryOptions({
    queryKey: workbookKeys.submissions(programmeId, projectId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/submissions", {
            params: {
              query: {
                programme_id: [programmeId],
                project_id: projectId ? [projectId] : undefined,
                sort: "title",
                limit: LIMIT,
              },
            },
          }),
        )
      ).items,
  });

export const submissionQuery = (id: string) =>
  queryOptions({
    queryKey: workbookKeys.submission(id),
    queryFn: () => unwrap(api.GET("/api/v1/submissions/{id}", { params: { path: { id } } })),
  });

export const versionQuery = (id: string) =>
  queryOptions({
    queryKey: [...workbookKeys.all, "version", id] as const,
    queryFn: () => unwrap(api.GET("/api/v1/submission-versions/{id}", { params: { path: { id } } })),
  });

export const versionsQuery = (submissionId: string) =>
  queryOptions({
    queryKey: workbookKeys.versions(submissionId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/submission-versions", {
            params: { query: { submission_id: [submissionId], sort: "position", limit: LIMIT } },
          }),
        )
      ).items,
  });

export const compareQuery = (from: string, to: string) =>
  queryOptions({
    queryKey: workbookKeys.compare(from, to),
    queryFn: () => unwrap(api.GET("/api/v1/submission-versions/compare", { params: { query: { from, to } } })),
  });

/** The programme's uploaded files, newest first, to attach to a version. */
export const filesQuery = (programmeId: string) =>
  queryOptions({
    queryKey: workbookKeys.files(programmeId),
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/files", {
            params: { query: { programme_id: [programmeId], limit: LIMIT } },
          }),
        )
      ).items,
  });

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: workbookKeys.all });
}

export function useCreateTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TemplateCreate) => unwrap(api.POST("/api/v1/templates", { body })),
    onSuccess: invalidate,
  });
}

/** A change to a template, sent with If-Match; rejects with EditConflict when someone was first. */
export function useUpdateTemplate() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ template, changes }: { template: Template; changes: Record<string, unknown> }) =>
      patchRecord<Template>(`/api/v1/templates/${template.id}`, etagOf(template), changes),
    onSettled: invalidate,
  });
}

export function useCreateSubmission() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: SubmissionCreate) => unwrap(api.POST("/api/v1/submissions", { body })),
    onSuccess: invalidate,
  });
}

export function useCreateVersion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: VersionCreate) => unwrap(api.POST("/api/v1/submission-versions", { body })),
    onSuccess: invalidate,
  });
}

/** A change to a draft version, sent with If-Match. */
export function useUpdateVersion() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ version, changes }: { version: Version; changes: VersionUpdate }): Promise<Versioned<Version>> =>
      patchRecord<Version>(`/api/v1/submission-versions/${version.id}`, etagOf(version), changes),
    onSettled: invalidate,
  });
}

/** Submit a draft version: it is frozen and its deadline marked submitted. */
export function useSubmitVersion() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: Version) =>
      unwrapVersioned(
        api.POST("/api/v1/submission-versions/{id}/submit", {
          params: { path: { id: version.id }, header: { "if-match": etagOf(version) } },
        }),
      ),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: workbookKeys.all }),
        client.invalidateQueries({ queryKey: deadlineKeys.all }),
      ]),
  });
}

/** The deadlines a version of this submission may answer: its project's or group's, soonest first. */
export const submissionDeadlinesQuery = (submission: Submission) =>
  queryOptions({
    queryKey: [...workbookKeys.all, "deadlines", submission.id],
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/deadlines", {
            params: {
              query: {
                programme_id: [submission.programme_id],
                project_id: submission.project_id ? [submission.project_id] : undefined,
                group_id: submission.group_id ? [submission.group_id] : undefined,
                sort: "due_at",
                limit: LIMIT,
              },
            },
          }),
        )
      ).items,
  });
