import { createBrowserRouter, Navigate, type LoaderFunctionArgs } from "react-router-dom";
import { overviewQuery } from "./api/queries/programmes";
import { queryClient } from "./api/queryClient";
import { AppLayout, ProgrammeLayout, RequireSession } from "./components/Layout";
import { LoginPage } from "./features/auth/LoginPage";

// Each page's code is loaded when it is first visited.
const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

// The overview's answer is asked for while its page's code loads, not after.
const prefetchOverview = ({ params }: LoaderFunctionArgs) => {
  void queryClient.prefetchQuery(overviewQuery(params.programmeId!));
  return null;
};

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage /> },
  // Where a sign-in at the identity provider hands over its one-time code (in the fragment).
  { path: "/login/oidc", lazy: page(() => import("./features/auth/OidcCallbackPage")) },
  // Answering a survey needs no account: the link's own secret opens it.
  { path: "/s/:token", lazy: page(() => import("./features/surveys/AnswerPage")) },
  // So does sending an idea through a participation link, and following it by its receipt.
  { path: "/i/:token", lazy: page(() => import("./features/ideas/PublicIdeaPage")) },
  { path: "/r/:token", lazy: page(() => import("./features/ideas/ReceiptPage")) },
  // The link at the bottom of every mail: the address's mail choices, without logging in.
  { path: "/mail-preferences/:token", lazy: page(() => import("./features/settings/MailPreferencesPage")) },
  // The accessibility statement, linked from every page's footer, for everyone.
  { path: "/tilgjengelighet", lazy: page(() => import("./features/accessibility/AccessibilityPage")) },
  {
    element: <RequireSession />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, lazy: page(() => import("./features/programmes/ProgrammesPage")) },
          { path: "me", lazy: page(() => import("./features/mypage/MyPage")) },
          { path: "notifications", lazy: page(() => import("./features/notifications/NotificationsPage")) },
          { path: "settings", lazy: page(() => import("./features/settings/SettingsPage")) },
          { path: "programmes/new", lazy: page(() => import("./features/setup/NewProgrammePage")) },
          {
            path: "p/:programmeId",
            element: <ProgrammeLayout />,
            children: [
              { index: true, loader: prefetchOverview, lazy: page(() => import("./features/overview/OverviewPage")) },
              { path: "timeline", lazy: page(() => import("./features/overview/TimelinePage")) },
              { path: "projects/:projectId", lazy: page(() => import("./features/projects/ProjectPage")) },
              {
                path: "projects/:projectId/involvement-plan",
                lazy: page(() => import("./features/involvementplan/InvolvementPlanPage")),
              },
              { path: "groups/:groupId", lazy: page(() => import("./features/groups/GroupPage")) },
              { path: "tasks", lazy: page(() => import("./features/tasks/TasksPage")) },
              { path: "deadlines", lazy: page(() => import("./features/deadlines/DeadlinesPage")) },
              { path: "deliveries", lazy: page(() => import("./features/deliveries/DeliveriesPage")) },
              { path: "involvements", lazy: page(() => import("./features/involvements/InvolvementsPage")) },
              { path: "involvements/new", lazy: page(() => import("./features/involvements/InvolvementFormPage")) },
              { path: "people", lazy: page(() => import("./features/people/PeoplePage")) },
              { path: "people/:personId", lazy: page(() => import("./features/people/PersonPage")) },
              { path: "import/:resource", lazy: page(() => import("./features/imports/ImportPage")) },
              { path: "events", lazy: page(() => import("./features/events/EventsPage")) },
              { path: "events/:eventId", lazy: page(() => import("./features/events/EventPage")) },
              { path: "decisions", lazy: page(() => import("./features/decisions/DecisionsPage")) },
              { path: "decisions/:decisionId", lazy: page(() => import("./features/decisions/DecisionPage")) },
              { path: "decisions/:decisionId/trail", lazy: page(() => import("./features/decisions/DecisionTrailPage")) },
              { path: "documents", lazy: page(() => import("./features/documents/DocumentsPage")) },
              { path: "hearings", lazy: page(() => import("./features/hearings/HearingsPage")) },
              { path: "hearings/:hearingId", lazy: page(() => import("./features/hearings/HearingPage")) },
              { path: "goals", lazy: page(() => import("./features/goals/GoalsPage")) },
              { path: "goals/selection", lazy: page(() => import("./features/goals/GoalSelectionPage")) },
              { path: "measures", lazy: page(() => import("./features/measures/MeasuresPage")) },
              { path: "criteria", lazy: page(() => import("./features/criteria/CriteriaPage")) },
              { path: "compliance", lazy: page(() => import("./features/compliance/CompliancePage")) },
              { path: "ideas", lazy: page(() => import("./features/ideas/IdeasPage")) },
              { path: "ideas/:ideaId", lazy: page(() => import("./features/ideas/IdeaPage")) },
              { path: "surveys", lazy: page(() => import("./features/surveys/SurveysPage")) },
              { path: "surveys/:roundId", lazy: page(() => import("./features/surveys/SurveyRoundPage")) },
              { path: "indicators", lazy: page(() => import("./features/indicators/IndicatorsPage")) },
              { path: "indicators/:indicatorId", lazy: page(() => import("./features/indicators/IndicatorPage")) },
              { path: "templates", lazy: page(() => import("./features/workbooks/TemplatesPage")) },
              { path: "submissions/:submissionId", lazy: page(() => import("./features/workbooks/WorkbookPage")) },
              { path: "settings", lazy: page(() => import("./features/programmes/ProgrammeSettingsPage")) },
              { path: "access", lazy: page(() => import("./features/setup/AccessPage")) },
              { path: "webhooks", lazy: page(() => import("./features/webhooks/WebhooksPage")) },
              { path: "webhooks/:webhookId", lazy: page(() => import("./features/webhooks/WebhookPage")) },
            ],
          },
          { path: "*", lazy: page(() => import("./features/programmes/NotFoundPage")) },
        ],
      },
    ],
  },
  { path: "*", element: <Navigate to="/" replace /> },
]);
