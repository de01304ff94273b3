"""Who the council's identity provider signs in: an open account here with the email
address it vouches for, and nobody else."""

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.models import User


class NotKnownHere(Exception):
    """The provider vouched for someone with no open account here."""

    def __init__(self, email: str):
        super().__init__(email)
        self.email = email


class CouncilAccountBackend(OIDCAuthenticationBackend):
    """Matches the provider's email claim to an open account, whatever its case. Never makes
    an account and never changes one: roles and teams are managed here, not by sign-in."""

    def filter_users_by_claims(self, claims: dict) -> QuerySet[User]:
        email = (claims.get("email") or "").strip()
        if not email:
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict) -> User:
        # Called for anyone with no open account here: refused, and shown why, by the view.
        raise NotKnownHere(claims.get("email") or "")

    def get_user(self, user_id: int) -> User | None:
        # As with a password: an account closed while signed in is signed out at its next page.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
