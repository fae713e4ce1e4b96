import uuid
from datetime import timedelta

from samskap.auth.tokens import API_TOKEN_PREFIX, digest, new_secret
from samskap.db import utcnow
from samskap.kit.ids import uuid7
from samskap.kit.listing import Filter, ListSpec
from samskap.kit.service import CrudService
from samskap.models import ApiToken
from samskap.models.enums import ProgrammeRole, TokenScope
from samskap.problems import Conflict, ValidationFailed

DEFAULT_LIFETIME = timedelta(days=90)
LONGEST_LIFETIME = timedelta(days=730)


class ApiTokenService(CrudService[ApiToken]):
    """Integration tokens; programme administrators manage their programme's tokens."""

    model = ApiToken
    label = "API token"
    write_role = ProgrammeRole.programme_admin
    spec = ListSpec(
        model=ApiToken,
        filters=[
            Filter(
                "programme_id",
                ApiToken.programme_id,
                uuid.UUID,
                "Only the tokens of this programme",
            ),
            Filter("scope", ApiToken.scope, TokenScope, "Only tokens with this scope"),
            Filter(
                "prefix",
                ApiToken.prefix,
                str,
                (
                    "Only the token whose secret starts with this prefix (its first 12 "
                    "characters, shown in lists)"
                ),
            ),
        ],
        sorts={"created_at": ApiToken.created_at, "name": ApiToken.name},
        default_sort="created_at",
        search=[ApiToken.name],
    )

    def scoped(self, stmt):
        admin_of = self.principal.admin_programmes()
        return stmt if admin_of is None else stmt.where(ApiToken.programme_id.in_(admin_of))

    async def issue(self, data) -> tuple[ApiToken, str]:
        await self.programme(data.programme_id)
        now = utcnow()
        expires_at = data.expires_at or now + DEFAULT_LIFETIME
        if not now < expires_at <= now + LONGEST_LIFETIME:
            raise ValidationFailed.at(
                "/expires_at",
                "must be in the future, at most two years",
                code="expiry_out_of_range",
            )
        secret = new_secret(API_TOKEN_PREFIX)
        token = ApiToken(
            id=uuid7(),
            programme_id=data.programme_id,
            name=data.name,
            scope=data.scope,
            prefix=secret[:12],
            token_hash=digest(secret),
            expires_at=expires_at,
            created_by_id=self.principal.user_id,
        )
        await self.authorize(token, "create")
        self.session.add(token)
        await self.flush()
        self.audit("create", token, None, self.snapshot(token))
        return token, secret

    async def delete(self, record, if_match):
        """Revoke: the token stops working at once and stays listed as revoked."""
        if record.revoked_at is not None:
            raise Conflict("The token is already revoked.")
        await self.authorize(record, "delete")
        before = self.snapshot(record)
        record.revoked_at = utcnow()
        await self.flush()
        self.audit("revoke", record, before, self.snapshot(record))
