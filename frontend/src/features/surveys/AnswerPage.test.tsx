import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { PublicSurvey } from "../../api/queries/surveys";
import { renderWithApp } from "../../test/render";
import AnswerPage from "./AnswerPage";

const TOKEN = "k3Jq0v1mZ8Yb2Xc4Wd6Ve8Uf0Tg2Sh4Ri6Qj8Pk0Ol2Nm";
const LIKERT = "0193a0e4-7c1e-7000-8000-000000000011";
const YES_NO = "0193a0e4-7c1e-7000-8000-000000000012";

const SURVEY: PublicSurvey = {
  title: "Kartlegging av samarbeid",
  description: "Om arbeidsteamet ditt",
  status: "open",
  already_answered: false,
  questions: [
    { id: LIKERT, position: 0, text: "Teamet samarbeider godt", kind: "likert", required: true },
    { id: YES_NO, position: 1, text: "Trives du?", kind: "yes_no", required: false },
  ],
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function stub(answer: () => Response, survey: PublicSurvey = SURVEY) {
  const posted: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_input: RequestInfo, init?: RequestInit) => {
      if (init?.method === "POST") {
        posted.push(JSON.parse(String(init.body)));
        return answer();
      }
      return json(survey);
    }),
  );
  return posted;
}

function renderPage() {
  return renderWithApp(
    <Routes>
      <Route path="/s/:token" element={<AnswerPage />} />
    </Routes>,
    { route: `/s/${TOKEN}` },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe("AnswerPage", () => {
  it("asks each question in a fieldset with its legend, Likert as five labelled radios", async () => {
    stub(() => json({ received: true }));
    renderPage();
    const likert = await screen.findByRole("group", { name: /Teamet samarbeider godt/ });
    expect(likert.tagName).toBe("FIELDSET");
    expect(screen.getAllByRole("radio", { name: /^[1-5] – / })).toHaveLength(5);
    expect(screen.getByRole("radio", { name: "5 – helt enig" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "Ja" })).toBeInTheDocument();
  });

  it("says a required question is missing without sending, then sends and thanks", async () => {
    const posted = stub(() => json({ received: true }));
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Send svarene" }));
    expect(await screen.findByText("Dette spørsmålet må besvares.")).toBeInTheDocument();
    expect(posted).toEqual([]);
    await user.click(screen.getByRole("radio", { name: "4 – litt enig" }));
    await user.click(screen.getByRole("radio", { name: "Nei" }));
    await user.click(screen.getByRole("button", { name: "Send svarene" }));
    expect(await screen.findByText("Takk for svarene!")).toBeInTheDocument();
    expect(posted).toEqual([
      {
        answers: [
          { question_id: LIKERT, value: 4 },
          { question_id: YES_NO, value: false },
        ],
      },
    ]);
  });

  it("says so when the survey was already answered here", async () => {
    stub(() =>
      json(
        {
          type: "https://samskap.no/problems/conflict",
          title: "Conflict",
          status: 409,
          errors: [{ code: "already_answered", detail: "already answered" }],
        },
        409,
      ),
    );
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "3 – verken enig eller uenig" }));
    await user.click(screen.getByRole("button", { name: "Send svarene" }));
    await waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent(/allerede besvart med denne lenken/),
    );
  });

  it("shows the already-answered page and switches language", async () => {
    stub(() => json({}), { ...SURVEY, already_answered: true });
    renderPage();
    expect(await screen.findByText("Du har allerede svart")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "English" }));
    expect(await screen.findByText("You have already answered")).toBeInTheDocument();
  });
});
