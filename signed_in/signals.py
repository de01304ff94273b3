"""Sign-in and sign-out, however they happen (the form, single sign-on, the admin's, a
test's), noted through the services."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .services import session_signed_in, session_signed_out


@receiver(user_logged_in, dispatch_uid="signed_in_noted")
def _signed_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session") and request.session.session_key:
        session_signed_in(request, user)


@receiver(user_logged_out, dispatch_uid="signed_out_noted")
def _signed_out(sender, request, user, **kwargs) -> None:
    if request is not None:
        session_signed_out(request)
