import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SurveyQuestion, SurveyResults, SurveyRound } from "../../api/queries/surveys";
import { renderWithApp } from "../../test/render";
import { ResultsView } from "./ResultsView";

const ROUND = "0193a0e4-7c1e-7000-8000-000000000010";
const LIKERT = "0193a0e4-7c1e-7000-8000-000000000011";
const YES_NO = "0193a0e4-7c1e-7000-8000-000000000012";

const round = {
  id: ROUND,
  programme_id: "0193a0e4-7c1e-7000-8000-000000000001",
  title: "Kartlegging",
  status: "open",
  source: "samskap",
  audience: "link",
  min_responses: 5,
  response_count: 6,
} as SurveyRound;

const question = (id: string, kind: SurveyQuestion["kind"], text: string, position: number) =>
  ({ id, round_id: ROUND, kind, text, position, required: false, indicator_id: null }) as SurveyQuestion;

const questions = [question(LIKERT, "likert", "Teamet samarbeider godt", 0), question(YES_NO, "yes_no", "Trives du?", 1)];

function results(cut: boolean): SurveyResults {
  return {
    round_id: ROUND,
    source: "samskap",
    status: "open",
    min_responses: 5,
    response_count: 6,
    cut: cut ? { question_id: YES_NO, value: "no", respondents: null, suppressed: true } : null,
    questions: [
      {
        question_id: LIKERT,
        position: 0,
        text: "Teamet samarbeider godt",
        kind: "likert",
        indicator_id: null,
        n: cut ? null : 6,
        suppressed: cut,
        mean: cut ? null : 3.5,
        distribution: cut ? null : { "1": 1, "2": 0, "3": 2, "4": 2, "5": 1 },
        texts: null,
      },
      {
        question_id: YES_NO,
        position: 1,
        text: "Trives du?",
        kind: "yes_no",
        indicator_id: null,
        n: cut ? null : 4,
        suppressed: true,
        mean: null,
        distribution: null,
        texts: null,
      },
    ],
  };
}

afterEach(() => vi.unstubAllGlobals());

describe("ResultsView", () => {
  it("shows figures only where the threshold is met, and a suppressed cut says why", async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        asked.push(url.search);
        return new Response(JSON.stringify(results(url.searchParams.has("cut_question_id"))), {
          headers: { "content-type": "application/json" },
        });
      }),
    );
    renderWithApp(<ResultsView round={round} questions={questions} />);
    const likert = await screen.findByRole("article", { name: /Teamet samarbeider godt/ });
    expect(within(likert).getByText("Gjennomsnitt: 3,5")).toBeInTheDocument();
    expect(within(likert).getByRole("table")).toBeInTheDocument();
    const yesNo = screen.getByRole("article", { name: /Trives du/ });
    expect(within(yesNo).getByText("Vises når minst 5 har svart.")).toBeInTheDocument();
    expect(within(yesNo).queryByRole("table")).toBeNull();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText("Vis bare dem som svarte på"), YES_NO);
    await user.selectOptions(screen.getByLabelText("med svaret"), "no");
    expect(await screen.findByText(/Utvalget vises ikke/)).toBeInTheDocument();
    expect(screen.queryByText(/Gjennomsnitt/)).toBeNull();
    expect(asked.at(-1)).toBe(`?cut_question_id=${YES_NO}&cut_value=no`);
  });
});
