import { Alert, Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useEffect, useState, type FormEvent } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { useLogin } from "../../api/queries/auth";
import { useI18n } from "../../i18n";
import styles from "./login.module.css";

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  useEffect(() => {
    document.title = `${t("login.title")} – ${t("app.name")}`;
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { username, password },
      { onSuccess: () => navigate((location.state as { from?: string } | null)?.from ?? "/", { replace: true }) },
    );
  };
  const problem = login.error instanceof ApiProblem ? login.error : null;
  const message = !login.error
    ? null
    : problem?.status === 429
      ? t("login.rateLimited")
      : problem?.status === 401
        ? t("login.wrong")
        : t("problem.network");

  return (
    <main className={styles.page} id="main">
      <form className={styles.card} onSubmit={submit} noValidate>
        <Heading level={1} data-size="lg">
          {t("app.name")}
        </Heading>
        <Paragraph>{t("login.intro")}</Paragraph>
        {message && (
          <Alert data-color={problem?.status === 429 ? "warning" : "danger"} role="alert">
            <Paragraph>{message}</Paragraph>
          </Alert>
        )}
        <Textfield
          label={t("login.email")}
          type="email"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <Textfield
          label={t("login.password")}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" aria-busy={login.isPending}>
          {t("login.submit")}
        </Button>
        <div className={styles.languages} role="group" aria-label={t("app.language")}>
          {(["nb", "nn", "en"] as const).map((l) => (
            <Button
              key={l}
              type="button"
              variant="tertiary"
              data-size="sm"
              lang={l}
              aria-pressed={locale === l}
              onClick={() => setLocale(l)}
            >
              {t(`language.${l}`)}
            </Button>
          ))}
        </div>
      </form>
    </main>
  );
}

export default LoginPage;
