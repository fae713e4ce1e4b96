import { Alert, Button, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useLocation, useNavigate, useSearchParams } from "react-router-dom";
import { ApiProblem } from "../../api/problem";
import { providerLoginUrl, providersQuery, useLogin } from "../../api/queries/auth";
import { useI18n } from "../../i18n";
import { signInFailure } from "./signIn";
import styles from "./login.module.css";
import { Footer } from "../../components/Footer";

export function LoginPage() {
  const { t, locale, setLocale } = useI18n();
  const login = useLogin();
  const providers = useQuery(providersQuery());
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  useEffect(() => {
    document.title = `${t("login.title")} – ${t("app.name")}`;
  }, [t]);

  const from = (location.state as { from?: string } | null)?.from ?? params.get("return_to") ?? "/";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username, password }, { onSuccess: () => navigate(from, { replace: true }) });
  };
  const problem = login.error instanceof ApiProblem ? login.error : null;
  const message = !login.error
    ? null
    : problem?.errors.some((e) => e.code === "password_login_disabled")
      ? t("oidc.passwordOff")
      : problem?.status === 429
        ? t("login.rateLimited")
        : problem?.status === 401
          ? t("login.wrong")
          : t("problem.network");
  // Until the API has said otherwise (or if it cannot be asked), the password form is shown.
  const oidc = providers.data?.oidc ?? null;
  const passwordLogin = providers.data?.password ?? true;
  const failure = signInFailure(params.get("error"), t);

  return (
    <>
    <main className={styles.page} id="main">
      <div className={styles.card}>
        <Heading level={1} data-size="lg">
          {t("app.name")}
        </Heading>
        <Paragraph>{t("login.intro")}</Paragraph>
        {failure && (
          <Alert data-color="danger" role="alert">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
        {oidc && (
          <Button asChild data-size="lg" className={styles.provider}>
            <a href={providerLoginUrl(oidc.login_url, from)}>{t("oidc.signInWith", { name: oidc.name })}</a>
          </Button>
        )}
        {providers.data && !oidc && !passwordLogin && (
          <Alert data-color="warning">
            <Paragraph>{t("oidc.noMethod")}</Paragraph>
          </Alert>
        )}
        {passwordLogin && (
          <form className={styles.form} onSubmit={submit} noValidate aria-label={t("login.title")}>
            {oidc && <Paragraph className={styles.or}>{t("oidc.or")}</Paragraph>}
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
            <Button type="submit" variant={oidc ? "secondary" : "primary"} aria-busy={login.isPending}>
              {t("login.submit")}
            </Button>
          </form>
        )}
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
      </div>
    </main>
    <Footer />
    </>
  );
}

export default LoginPage;
