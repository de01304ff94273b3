import datetime

from django.db.models import QuerySet
from django.views.decorators.debug import sensitive_variables

from accounts.access import emergency_access_now as accesses_now
from accounts.access import person_scope, teams_led_by
from accounts.models import EmergencyAccess, Restriction, User
from people.models import Person


def people_outside_teams_of(user: User) -> QuerySet[Person]:
    """Whom `user` may open in an emergency: anyone whose record they may not open now (not
    of their own teams, or restricted and not naming them), whose record still identifies
    them."""
    in_scope = Person.objects.filter(person_scope(user)).values("pk")
    return Person.objects.exclude(pk__in=in_scope).filter(anonymised_on__isnull=True)


def needs_approval(person: Person) -> bool:
    """Emergency access to a restricted record waits for information governance."""
    return Restriction.objects.in_force().filter(person=person).exists()


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
    return accesses_now(user).filter(person=person).order_by("-expires_at").first()


def waiting_for_approval() -> QuerySet[EmergencyAccess]:
    """Emergency accesses to restricted records that information governance has not yet
    approved or refused, oldest first."""
    return (
        EmergencyAccess.objects.filter(needs_approval=True, approved__isnull=True)
        .select_related("user", "person", "person__team")
        .order_by("granted_at", "pk")
    )


def requests_of(user: User) -> QuerySet[EmergencyAccess]:
    """`user`'s own emergency accesses that waited for approval, newest first."""
    return (
        EmergencyAccess.objects.filter(user=user, needs_approval=True)
        .select_related("person", "decided_by")
        .order_by("-granted_at", "-pk")
    )
