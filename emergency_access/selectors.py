import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from accounts.access import teams_led_by, teams_visible_to
from accounts.models import EmergencyAccess, User
from people.models import Person


def people_outside_teams_of(user: User) -> QuerySet[Person]:
    """Whom `user` may open in an emergency: anyone not of their own teams, whose record
    still identifies them."""
    return Person.objects.exclude(team__in=teams_visible_to(user).values("pk")).filter(
        anonymised_on__isnull=True
    )


@sensitive_variables()
def people_found(
    user: User,
    *,
    nhs_number: str,
    given_names: str,
    family_name: str,
    date_of_birth: datetime.date | None,
) -> list[Person]:
    """The people outside `user`'s teams matching everything given exactly: never part of a
    name, never a likely match. At most two, which is enough to know it is not one."""
    exact = {
        "nhs_number": nhs_number,
        "given_names__iexact": given_names,
        "family_name__iexact": family_name,
        "date_of_birth": date_of_birth,
    }
    if not (nhs_number or (given_names and family_name and date_of_birth)):
        return []
    people = people_outside_teams_of(user).filter(**{k: v for k, v in exact.items() if v})
    return list(people.select_related("team")[:2])


def emergency_accesses_seen_by(user: User) -> QuerySet[EmergencyAccess]:
    """The emergency accesses `user` oversees: information governance, everyone's; a team
    lead, those to the people of the teams they lead; anyone else, none."""
    accesses = EmergencyAccess.objects.select_related("user", "person", "person__team")
    if user.governs_information:
        return accesses
    return accesses.filter(person__team__in=teams_led_by(user).values("pk"))


def emergency_access_now(user: User, person: Person) -> EmergencyAccess | None:
    """The user's emergency access to `person` that lasts longest, if one lasts now."""
    return (
        EmergencyAccess.objects.filter(user=user, person=person, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )
