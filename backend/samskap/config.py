"""Settings read from the environment (prefix SAMSKAP_) or a .env file."""

from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER_SECRET = "development-only-signing-key-change-me"
# The `limits` storages rate_limit_storage may name: in-process memory, or a shared Redis.
RATE_LIMIT_SCHEMES = ("memory", "redis", "rediss", "redis+unix")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SAMSKAP_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'samskap.db'}"
    database_echo: bool = False
    # Connections kept open, and how many more may open under load (each counts against
    # PostgreSQL's max_connections). Requests beyond them wait for one in turn: on two cores,
    # more connections add contention, not throughput. None beyond the pool by default: a
    # connection opened for a peak is closed again when it comes back to a full pool, and a
    # server under steady load then spends a tenth of its CPU opening and closing them.
    database_pool_size: int = Field(default=20, ge=1)
    database_max_overflow: int = Field(default=0, ge=0)
    # How long a request waits for a connection (or, on SQLite, for the write lock) before it
    # is answered 503 with Retry-After: well within the 30 s or more a client waits.
    database_pool_timeout: float = Field(default=10.0, gt=0)
    migrations_dir: Path = REPO_ROOT / "migrations"
    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    default_page_size: int = 50
    max_page_size: int = 500
    timezone: str = "Europe/Oslo"
    # Survey results, for any cut, are shown only when at least this many have answered (and,
    # for a cut, when the rest of the round is either empty or at least this many too).
    survey_min_responses: int = Field(default=5, ge=2)
    # Uploaded files (imported survey results and other attachments).
    max_upload_bytes: int = Field(default=26_214_400, ge=1024)
    # Imports: a file of at most this many rows is imported within the request (201); a
    # larger one is queued (202) for the background worker, which runs in every API process
    # unless run_worker is off. The worker reads rows in chunks, writes its heartbeat every
    # chunk, and takes up a running import whose heartbeat is older than
    # import_stale_seconds (its process died).
    import_background_rows: int = Field(default=2000, ge=1)
    import_chunk_rows: int = Field(default=1000, ge=1, le=10_000)
    import_stale_seconds: float = Field(default=30.0, gt=0)
    import_poll_seconds: float = Field(default=1.0, gt=0)
    run_worker: bool = True
    # Worker processes `samskap serve` starts (uvicorn's multi-process mode); --workers
    # overrides it. Each runs the background workers too (run_worker), which is safe: jobs
    # and imports are claimed in the database, never twice.
    workers: int = Field(default=1, ge=1, le=64)
    # The job queue (samskap/jobs): jobs one worker runs side by side, and how often an idle
    # worker looks for due jobs (a commit in the same process wakes it at once).
    job_concurrency: int = Field(default=4, ge=1, le=64)
    job_poll_seconds: float = Field(default=1.0, gt=0)
    # Succeeded jobs are deleted after this many days; failed ones after four times as long.
    job_retention_days: int = Field(default=7, ge=1)
    # Webhook deliveries: how long a receiver has to answer.
    webhook_timeout_seconds: float = Field(default=10.0, gt=0)
    # Webhook targets on loopback, private, link-local or other non-public addresses are
    # refused (when a webhook is saved and again when each delivery is sent) unless this is
    # on: for tests and for receivers inside the municipality's own network.
    webhook_allow_private_targets: bool = False
    # Multiplies the webhook retry schedule (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h); tests
    # set it small so that retries are due at once.
    webhook_retry_scale: float = Field(default=1.0, ge=0)
    # How long a worker holds a job before another may take it (renewed while it runs);
    # unset, each job kind's own lease (60 s). Tests that kill a worker set it short.
    job_lease_seconds: float | None = Field(default=None, gt=0)
    # The compliance scan (samskap/governance/scan.py): how often each programme's findings
    # are compared with the last scan's, announcing those opened and cleared.
    compliance_scan_minutes: float = Field(default=5.0, gt=0)
    # Notifications older than this many days are deleted, read or not (daily).
    notification_retention_days: int = Field(default=180, ge=1)
    # E-mail over SMTP (samskap/mail). No host: no mail is sent; mail jobs log what they
    # would send and succeed. security: starttls (port 587), tls (implicit TLS, port 465) or
    # none (a local relay). smtp_ca_file: a CA bundle to trust besides the system's (a
    # relay with a certificate of the municipality's own CA; the tests' self-signed one).
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_timeout_seconds: float = Field(default=30.0, gt=0)
    smtp_ca_file: Path | None = None
    mail_sender: str = "Samskap <samskap@kommune.example>"
    # The web app's base URL, for links in e-mails and for calendar feed URLs.
    public_url: str = "http://127.0.0.1:8000"
    # Where the accessibility statement tells users to report a barrier: an e-mail address or
    # an https:// web form. Empty: the address in mail_sender.
    accessibility_contact: str = ""

    # Access. The placeholder key works in development only: create_app refuses to start
    # elsewhere until SAMSKAP_JWT_SECRET is set to a long random value.
    jwt_secret: str = PLACEHOLDER_SECRET
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = Field(default=15, ge=1, le=120)
    refresh_token_days: int = Field(default=14, ge=1, le=90)
    login_failures_per_account: int = 5
    login_failures_per_address: int = 20
    login_window_seconds: int = 900
    api_token_requests_per_minute: int = 600
    # Where rate limits are counted (a `limits` storage URI): memory:// counts in each
    # process's own memory, right for one process; redis://host:6379/0 (rediss:// with TLS,
    # redis+unix:///path) counts in a Redis shared by every worker process and machine, so
    # that a limit holds in total. `samskap serve` with more than one worker refuses memory://
    # (each process would count alone: the limits multiplied by the number of processes).
    rate_limit_storage: str = "memory://"
    # Proxies in front of Samskap (addresses or CIDRs, comma-separated or a JSON list): when
    # the direct peer is one of them, the client's address is the rightmost address in
    # X-Forwarded-For that is not one of them. Empty: X-Forwarded-For is ignored.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    cors_origins: list[str] = Field(default_factory=list)
    argon2_time_cost: int = 3
    argon2_memory_cost_kib: int = 65_536
    # Each hash in progress holds argon2_memory_cost_kib; more logins than this wait their turn.
    password_hash_workers: int = Field(default=2, ge=1, le=64)
    # Sign-in with the municipality's identity provider (OpenID Connect, samskap/auth/oidc.py):
    # offered on the login page when an issuer and a client id are set. Register the redirect
    # URI {public_url}/api/v1/auth/oidc/callback with the provider. password_login off refuses
    # the password grant (403 password_login_disabled): accounts sign in only through the
    # provider.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    oidc_provider_name: str = "Entra ID"
    oidc_scopes: str = "openid profile email"
    oidc_timeout_seconds: float = Field(default=10.0, gt=0)
    # Link an account by the provider's e-mail address even without `email_verified`: only
    # for a provider whose addresses are the municipality's own (single-tenant Entra ID,
    # which sends no email_verified).
    oidc_trust_email: bool = False
    password_login: bool = True

    # Observability (samskap/observability). Logs: one JSON object a line outside development,
    # readable lines in development; log_format json or console chooses either anywhere.
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Statements that take longer than this are logged with their duration and name (never
    # their parameters); 0 logs none.
    slow_query_ms: float = Field(default=200.0, ge=0)
    # GET /metrics (Prometheus) answers only a scraper that sends this as a bearer token;
    # unset, /metrics is not served (404).
    metrics_token: str = ""

    @field_validator("rate_limit_storage")
    @classmethod
    def _known_storage(cls, value: str) -> str:
        scheme = value.partition("://")[0]
        if scheme not in RATE_LIMIT_SCHEMES:
            known = ", ".join(f"{s}://" for s in RATE_LIMIT_SCHEMES)
            raise ValueError(f"rate_limit_storage must start with one of {known}")
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_list(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxy_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is no IP address or network (CIDR)") from None
        return value

    def proxy_networks(self) -> tuple[IPv4Network | IPv6Network, ...]:
        return tuple(ip_network(entry, strict=False) for entry in self.trusted_proxies)

    def check_secrets(self) -> None:
        if self.environment == "development":
            return
        if self.jwt_secret == PLACEHOLDER_SECRET or len(self.jwt_secret) < 32:
            raise RuntimeError(
                "SAMSKAP_JWT_SECRET must be set to a random value of at least 32 characters "
                f"outside development (environment is {self.environment!r})."
            )


@lru_cache
def get_settings() -> Settings:
    return Settings()
