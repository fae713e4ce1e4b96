import { Button, Field, Label, Link as DsLink, Select, SkipLink } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from "react";
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigate, useParams } from "react-router-dom";
import { meQuery, useLogout } from "../api/queries/auth";
import { programmeQuery } from "../api/queries/programmes";
import { onSessionChange, readSession } from "../api/session";
import { LOCALES, useI18n, type Locale } from "../i18n";
import { Footer } from "./Footer";
import styles from "./layout.module.css";

// The bell comes in its own chunk, after the first page: the first page's JavaScript has a budget.
const Bell = lazy(() => import("../features/notifications/Bell"));

function useSession() {
  return useSyncExternalStore(
    (notify) => onSessionChange(() => notify()),
    () => sessionStorage.getItem("samskap.session"),
  );
}

/** Pages behind this need a session; without one the user goes to the login page. */
export function RequireSession() {
  const raw = useSession();
  const location = useLocation();
  if (!raw || !readSession()) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}

function LanguageSelect() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Field data-size="sm" className={styles.language}>
      <Label htmlFor="language">{t("app.language")}</Label>
      <Select id="language" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        {LOCALES.map((l) => (
          <Select.Option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * Header, language choice and logout around every page; focus moves to the page on navigation.
 * On a narrow screen the programme's navigation and the tools fold behind one menu button.
 */
export function AppLayout() {
  const { t } = useI18n();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // The menu is open on the page it was opened on: following one of its links closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === location.pathname;
  const setMenuOpen = (open: boolean) => setMenuOpenOn(open ? location.pathname : null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);
  useEffect(() => {
    // Opened from its button: the first link of the menu takes the focus (only a shown menu has one).
    if (menuOpen) menu.current?.querySelector<HTMLElement>("a[href], button, select")?.focus();
  }, [menuOpen]);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  const { programmeId } = useParams();
  return (
    <div className={styles.shell}>
      <SkipLink href="#main">{t("app.skipToContent")}</SkipLink>
      <header className={styles.header} onKeyDown={closeOnEscape}>
        <Link to="/" className={styles.brand}>
          {t("app.name")}
        </Link>
        <button
          ref={menuButton}
          type="button"
          className={styles.menuButton}
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
            <path fill="currentColor" d={menuOpen ? CROSS : BARS} />
          </svg>
          {t("app.menu")}
        </button>
        <div id="site-menu" ref={menu} className={styles.menu} data-open={menuOpen}>
          <div className={styles.tools}>
            <DsLink asChild>
              <NavLink to="/me">{t("mypage.link")}</NavLink>
            </DsLink>
            <DsLink asChild>
              <NavLink to="/settings">{t("settings.link")}</NavLink>
            </DsLink>
            <Suspense fallback={null}>
              <Bell />
            </Suspense>
            <LanguageSelect />
            <Button
              variant="tertiary"
              data-size="sm"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/login") })}
            >
              {t("app.logout")}
            </Button>
          </div>
          {programmeId && <ProgrammeNav programmeId={programmeId} />}
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} className={styles.main}>
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

const BARS = "M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z";
const CROSS = "M5.6 4.2 12 10.6l6.4-6.4 1.4 1.4-6.4 6.4 6.4 6.4-1.4 1.4-6.4-6.4-6.4 6.4-1.4-1.4 6.4-6.4-6.4-6.4z";

function ProgrammeNav({ programmeId }: { programmeId: string }) {
  const { t } = useI18n();
  const programme = useQuery(programmeQuery(programmeId));
  // The programme's settings (reminders, webhooks) are for its administrators; the API has the last word.
  const me = useQuery(meQuery()).data;
  const administers =
    me?.system_admin || me?.memberships?.some((m) => m.programme_id === programmeId && m.role === "programme_admin");
  const base = `/p/${programmeId}`;
  const links: [string, string][] = [
    [base, "nav.overview"],
    [`${base}/tasks`, "nav.tasks"],
    [`${base}/deadlines`, "nav.deadlines"],
    [`${base}/involvements`, "nav.involvements"],
    [`${base}/events`, "nav.events"],
    [`${base}/decisions`, "nav.decisions"],
    [`${base}/documents`, "nav.documents"],
    [`${base}/hearings`, "nav.hearings"],
    [`${base}/goals`, "nav.goals"],
    [`${base}/measures`, "nav.measures"],
    [`${base}/criteria`, "nav.criteria"],
    [`${base}/indicators`, "nav.indicators"],
    [`${base}/ideas`, "nav.ideas"],
    [`${base}/surveys`, "nav.surveys"],
    [`${base}/templates`, "nav.templates"],
    [`${base}/deliveries`, "nav.deliveries"],
    [`${base}/compliance`, "nav.compliance"],
    [`${base}/people`, "nav.people"],
    // Reminders and webhooks: for the programme's administrators only.
    ...(administers ? ([[`${base}/settings`, "nav.programmeSettings"]] as [string, string][]) : []),
  ];
  return (
    <nav className={styles.nav} aria-label={programme.data?.name ?? t("nav.label")}>
      <ul>
        {links.map(([to, key]) => (
          <li key={to}>
            <NavLink to={to} end={to === base}>
              {t(key)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ProgrammeLayout() {
  return <Outlet />;
}
