import { Button, Paragraph, ValidationMessage } from "@digdir/designsystemet-react";
import { useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useProblemWording } from "../../api/problemWording";
import { useMySurveyLink, type MySurveyRound } from "../../api/queries/myPage";
import { useI18n } from "../../i18n";
import own from "./mypage.module.css";

/** Open survey rounds one is invited to; answering makes a fresh link and opens it. */
export function SurveyList({ rounds }: { rounds: MySurveyRound[] }) {
  return (
    <ul className={own.items}>
      {rounds.map((r) => (
        <Round key={r.round_id} round={r} />
      ))}
    </ul>
  );
}

function Round({ round }: { round: MySurveyRound }) {
  const { t } = useI18n();
  const word = useProblemWording();
  const navigate = useNavigate();
  const link = useMySurveyLink();
  const problem = link.error instanceof ApiProblem ? link.error : null;
  const refusal = problem?.errors[0] ? word(problem.errors[0]) : link.error ? t("problem.network") : "";
  return (
    <li className={own.meeting}>
      <strong>{round.title}</strong>
      {round.description && <Paragraph data-size="sm">{round.description}</Paragraph>}
      <div>
        <Button
          data-size="sm"
          variant="secondary"
          loading={link.isPending}
          aria-label={t("mypage.answerSurveyFor", { title: round.title })}
          onClick={() => link.mutate(round.round_id, { onSuccess: ({ url }) => navigate(url) })}
        >
          {t("mypage.answerSurvey")}
        </Button>
      </div>
      {refusal && <ValidationMessage data-size="sm">{refusal}</ValidationMessage>}
      <Paragraph data-size="xs">{t("mypage.surveyAnonymous")}</Paragraph>
    </li>
  );
}
