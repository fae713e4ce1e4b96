import { Alert, Heading, Link, Paragraph, Spinner } from "@digdir/designsystemet-react";
import { useEffect, useRef, useState } from "react";
import { Link as RouterLink, useLocation, useNavigate } from "react-router-dom";
import { useSignInCode } from "../../api/queries/auth";
import { useI18n } from "../../i18n";
import { localPath } from "./signIn";
import styles from "./login.module.css";
import { Footer } from "../../components/Footer";

/**
 * Where a sign-in at the identity provider ends: the one-time code in the fragment is
 * exchanged for the session's tokens (stored as after a password login), the fragment is
 * dropped from the history, and the user goes on to the page they came for.
 */
export function OidcCallbackPage() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const exchange = useSignInCode();
  // Read once: the fragment is removed from the address bar straight away.
  const [handed] = useState(() => new URLSearchParams(location.hash.replace(/^#/, "")));
  const started = useRef(false);

  useEffect(() => {
    document.title = `${t("oidc.title")} – ${t("app.name")}`;
  }, [t]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const code = handed.get("code");
    navigate(location.pathname, { replace: true });
    if (!code) return;
    exchange.mutate(code, {
      onSuccess: () => navigate(localPath(handed.get("return_to")), { replace: true }),
    });
    // Runs once, for the code the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const failed = exchange.isError || !handed.get("code");
  return (
    <>
    <main className={styles.page} id="main">
      <div className={styles.card}>
        <Heading level={1} data-size="lg">
          {t("oidc.title")}
        </Heading>
        {failed ? (
          <>
            <Alert data-color="danger" role="alert">
              <Paragraph>{t("oidc.codeRefused")}</Paragraph>
            </Alert>
            <Link asChild>
              <RouterLink to="/login">{t("oidc.backToLogin")}</RouterLink>
            </Link>
          </>
        ) : (
          <Paragraph role="status">
            <Spinner aria-hidden="true" data-size="sm" /> {t("oidc.signingIn")}
          </Paragraph>
        )}
      </div>
    </main>
    <Footer />
    </>
  );
}

export default OidcCallbackPage;
