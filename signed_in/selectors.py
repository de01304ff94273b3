from accounts.models import User

from .models import SignedInSession


def sessions_of(user: User) -> list[SignedInSession]:
    """The browsers signed in as `user` now, the most recently used first."""
    return list(SignedInSession.objects.current().filter(user=user))
