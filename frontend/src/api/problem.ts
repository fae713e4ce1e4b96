/** An RFC 9457 problem the API answered with, as an Error the UI can show. */
export interface ProblemItem {
  pointer?: string | null;
  parameter?: string | null;
  detail: string;
  /** What is wrong as a stable code, for the app to word; `detail` is the API's English. */
  code?: string | null;
  params?: Record<string, string> | null;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly errors: ProblemItem[];
  readonly type: string;

  constructor(status: number, body: Partial<{ type: string; title: string; detail: string; errors: ProblemItem[] }>) {
    super(body.detail ?? body.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = body.type ?? "about:blank";
    this.title = body.title ?? `HTTP ${status}`;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
  }

  /**
   * Messages per top-level body field (or query parameter), each item worded by `word` (see
   * useProblemWording), so that they read in the user's language; several items at one field
   * are shown together.
   */
  fieldErrors(word: (item: ProblemItem) => string): Record<string, string> {
    const out: Record<string, string[]> = {};
    for (const item of this.errors) {
      const field = fieldName(item);
      if (!field) continue;
      const message = word(item);
      out[field] = [...(out[field] ?? []), message].filter((m, i, all) => all.indexOf(m) === i);
    }
    return Object.fromEntries(Object.entries(out).map(([field, messages]) => [field, messages.join(" ")]));
  }

  /** The top-level body fields (or query parameters) the problem names. */
  fields(): string[] {
    return [...new Set(this.errors.map(fieldName).filter((field): field is string => Boolean(field)))];
  }

  get isConflict() {
    return this.status === 412;
  }
}

function fieldName(item: ProblemItem): string | null | undefined {
  return item.pointer?.split("/")[1] ?? item.parameter;
}

export async function problemFrom(response: Response): Promise<ApiProblem> {
  let body: Record<string, unknown> = {};
  try {
    body = await response.clone().json();
  } catch {
    body = { title: response.statusText };
  }
  return new ApiProblem(response.status, body);
}
