"""Settings read from the environment (prefix SAMSKAP_) or a .env file."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SAMSKAP_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = f"sqlite+aiosqlite:///{REPO_ROOT / 'var' / 'samskap.db'}"
    database_echo: bool = False
    migrations_dir: Path = REPO_ROOT / "migrations"
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    default_page_size: int = 50
    max_page_size: int = 500
    timezone: str = "Europe/Oslo"


@lru_cache
def get_settings() -> Settings:
    return Settings()
