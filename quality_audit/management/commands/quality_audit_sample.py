"""Draws a month's sample for the quality audit, as the page does: for a scheduler, on the
first of each month, for the month before."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.models import User
from quality_audit.rubric import month_of, previous_month
from quality_audit.services import SampleRefused, sample_draw


class Command(BaseCommand):
    help = "Draws a month's sample of signed-off records for the principal social worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--month",
            help="The month to draw, as YYYY-MM (for example 2026-10). Last month if not given.",
        )
        parser.add_argument(
            "--by",
            help=(
                "The email address of the principal social worker it is drawn for (whose scope "
                "it draws from). Needed only when there is more than one."
            ),
        )

    def handle(self, *args, month: str | None = None, by: str | None = None, **options):
        chosen = self.month(month)
        drawer = self.drawer(by)
        try:
            sample = sample_draw(month=chosen, by=drawer)
        except SampleRefused as refusal:
            raise CommandError(str(refusal)) from None
        drawn = sample.audits.count()
        self.stdout.write(f"{drawn} record{'s' * (drawn != 1)} drawn for {chosen:%B %Y}.")

    def month(self, given: str | None) -> datetime.date:
        if not given:
            return previous_month(month_of(timezone.localdate()))
        try:
            return datetime.date.fromisoformat(f"{given}-01")
        except ValueError:
            raise CommandError(f"--month must be a month as YYYY-MM, not {given!r}") from None

    def drawer(self, email: str | None) -> User:
        """The principal social worker named, or the only active one."""
        staff = User.objects.filter(
            is_active=True, groups__permissions__codename="audit_record_quality"
        )
        if email:
            staff = staff.filter(email=email.lower())
        found = list(staff.distinct()[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise CommandError("There is no active principal social worker with that address.")
        raise CommandError("There is more than one principal social worker: say which, with --by.")
