import uuid
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person

# Members, or versions of members from their history: both are ordered the same way.
Members = TypeVar("Members", bound=models.QuerySet)


class NetworkMemberQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "NetworkMemberQuerySet":
        return self.filter(person_scope(user, via="person"))

    def active_on(self, day) -> "NetworkMemberQuerySet":
        """Members who were part of the network on `day`."""
        return self.filter(_active_on(day))

    def closest_first(self) -> "NetworkMemberQuerySet":
        return closest_first(self)

    def measures(self, *, first_contact) -> dict[str, int]:
        """Network size now and at first contact, ties where support flows both ways, and
        how many have left (counted here too, to spare the network page a query)."""
        now = models.Q(ended_on__isnull=True)
        both_ways = ~models.Q(gives_person="") & ~models.Q(person_gives="")
        return self.aggregate(
            size=models.Count("pk", filter=now),
            size_at_first_contact=models.Count("pk", filter=_active_on(first_contact)),
            reciprocal=models.Count("pk", filter=now & both_ways),
            ended=models.Count("pk", filter=~now),
        )


def closest_first(members: Members) -> Members:
    """Closest ties first: by how close, then how often in touch, then the newest.

    A stressful tie comes straight after the strong ones: it matters to the
    person as much, so it is among the first an ecomap with no room for all draws.
    """
    closeness = {"strong": 0, "stressful": 1, "moderate": 2, "tenuous": 3}
    contact = {"daily": 0, "weekly": 1, "monthly": 2, "less_often": 3}
    return members.alias(
        closeness_rank=_rank("closeness", closeness), contact_rank=_rank("contact", contact)
    ).order_by("closeness_rank", "contact_rank", "-started_on", "-id")


def _rank(field: str, ranks: dict[str, int]) -> models.Case:
    whens = [models.When(**{field: value}, then=rank) for value, rank in ranks.items()]
    return models.Case(*whens, default=len(ranks), output_field=models.IntegerField())


def _active_on(day) -> models.Q:
    return models.Q(started_on__lte=day) & (
        models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=day)
    )


class NetworkMember(SavedBy, models.Model):
    """Someone in the person's support network, and what flows each way between them."""

    class Relationship(models.TextChoices):
        FAMILY = "family", "Family"
        PARTNER = "partner", "Partner"
        FRIEND = "friend", "Friend"
        NEIGHBOUR = "neighbour", "Neighbour"
        COMMUNITY = "community", "Community contact"
        COLLEAGUE = "colleague", "Colleague"
        PROFESSIONAL = "professional", "Professional"
        PAID_CARER = "paid_carer", "Paid carer"
        OTHER = "other", "Other"

    class Closeness(models.TextChoices):
        STRONG = "strong", "Strong"
        MODERATE = "moderate", "Moderate"
        TENUOUS = "tenuous", "Tenuous"
        STRESSFUL = "stressful", "Stressful"

    class CarerOffer(models.TextChoices):
        ACCEPTED = "accepted", "They would like one"
        DECLINED = "declined", "They do not want one now"

    class Contact(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Every week"
        MONTHLY = "monthly", "Every month"
        LESS_OFTEN = "less_often", "Less often"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="network_members")
    name = models.CharField(max_length=150)
    linked_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="When this member is also someone the service works with",
    )
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    relationship_detail = models.CharField(max_length=100, blank=True)
    closeness = models.CharField(max_length=20, choices=Closeness.choices)
    contact = models.CharField(max_length=20, choices=Contact.choices, blank=True)
    # Whether their name appears in the person's own copy: the practitioner chooses, with the
    # person (a stressful tie, or someone the service also supports, may be left out).
    in_persons_copy = models.BooleanField(default=True)
    # An unpaid carer is offered a conversation of their own about their needs as a carer
    # (Care Act 2014 s.10): when it was offered, and what they said.
    unpaid_carer = models.BooleanField(default=False)
    carer_offered_on = models.DateField(null=True, blank=True)
    carer_offer = models.CharField(max_length=10, choices=CarerOffer.choices, blank=True)
    gives_person = models.TextField(max_length=2000, blank=True)
    person_gives = models.TextField(max_length=2000, blank=True)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = NetworkMemberQuerySet.as_manager()

    class Meta:
        ordering = ["relationship", "name", "pk"]
        indexes = [
            models.Index(fields=["person", "ended_on"]),
            # The few unpaid carers, with what the service measures count of their offers.
            models.Index(
                fields=["person"],
                include=["ended_on", "carer_offered_on", "carer_offer"],
                condition=models.Q(unpaid_carer=True),
                name="unpaid_carers_by_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.ended_on is None

    @property
    def flow(self) -> str:
        """Which way support flows: "both", "to_person", "from_person" or "none"."""
        gives, receives = bool(self.gives_person.strip()), bool(self.person_gives.strip())
        return {
            (True, True): "both",
            (True, False): "to_person",
            (False, True): "from_person",
        }.get((gives, receives), "none")

    @property
    def carer_to_offer(self) -> bool:
        """An unpaid carer still in the network who has not been offered a conversation of
        their own."""
        return self.unpaid_carer and self.is_active and self.carer_offered_on is None

    def end(self, *, on, reason: str, by: User) -> None:
        self.ended_on = on
        self.end_reason = reason
        self.save_by(by)


class ReciprocityNoteQuerySet(models.QuerySet):
    def about_person(self, person: Person) -> "ReciprocityNoteQuerySet":
        """Notes on the person's network members and on their community connections."""
        # By the ids of the person's own ties, fetched first: with them as literals the
        # planner reads two indexes; with an OR of joins or subqueries it reads every note.
        members = list(NetworkMember.objects.filter(person=person).values_list("pk", flat=True))
        connections = list(person.connections.values_list("pk", flat=True))
        return self.filter(
            models.Q(member__in=members) | models.Q(connection__in=connections)
        ).select_related("member", "connection__resource", "author")

    def count_about_person(self, person: Person) -> int:
        """How many notes `about_person` holds, counted through each kind of tie's index."""
        on_members = self.filter(member__person=person).count()
        return on_members + self.filter(connection__person=person).count()

    def latest_about_person(self, person: Person, count: int) -> list["ReciprocityNote"]:
        """The person's `count` latest notes. The latest on members and the latest on
        connections are read apart, each through its own index, and the two short lists
        merged here: with thousands of members, sorting all their notes took most of the
        network page, and the two as subqueries in one query, joined by OR, had PostgreSQL
        read every note (50 ms at 300,000)."""
        newest = ("-date", "-pk")
        related = self.select_related("member", "connection__resource", "author")
        notes = [
            *related.filter(member__person=person).order_by(*newest)[:count],
            *related.filter(connection__person=person).order_by(*newest)[:count],
        ]
        notes.sort(key=lambda note: (note.date, note.pk), reverse=True)
        return notes[:count]


class ReciprocityNote(SavedBy, models.Model):
    """A dated note of what passed between the person and a member of their network."""

    class Direction(models.TextChoices):
        GIVES = "gives", "The person gives"
        RECEIVES = "receives", "The person receives"
        MUTUAL = "mutual", "Mutual"

    # A note is about one tie: someone in the network, or a community connection.
    member = models.ForeignKey(
        NetworkMember, on_delete=models.PROTECT, related_name="notes", null=True, blank=True
    )
    connection = models.ForeignKey(
        "community.Connection",
        on_delete=models.PROTECT,
        related_name="reciprocity_notes",
        null=True,
        blank=True,
    )
    # A note written back to the tie from a network meeting: what they offered, or what the
    # person offers them back. It goes with the attendance.
    attendance = models.ForeignKey(
        "MeetingAttendance",
        on_delete=models.CASCADE,
        related_name="reciprocity_notes",
        null=True,
        blank=True,
    )
    date = models.DateField(default=timezone.localdate)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    text = models.TextField(max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    objects = ReciprocityNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member__isnull=False, connection__isnull=True)
                | models.Q(member__isnull=True, connection__isnull=False),
                name="note_about_one_tie",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.text[:40]}"

    @property
    def about(self) -> str:
        """Who or what the note is about, in words."""
        if self.member:
            return self.member.name
        assert self.connection  # a note is about one tie: a member or a connection
        return self.connection.resource.name


class MeetingAttendance(SavedBy, models.Model):
    """A member of the network who came to a network meeting, and what they offered."""

    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.CASCADE, related_name="attendances"
    )
    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="attendances")
    offered = models.TextField(max_length=2000, blank=True)
    # What the person offers them back: a network meeting asks both ways.
    offered_back = models.TextField(max_length=2000, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "member"], name="one_attendance_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} at {self.conversation}"


def attendance_changes(conversation, version: str | None) -> list[tuple[str, str, str]]:
    """Who came, as it stood at the conversation's `version` and as it stands now, for each
    member whose attendance has changed since: (name, then, now)."""
    if not (version and version.isascii() and version.isdigit() and len(version) < 19):
        return []  # no version, or not one of ours
    versions = conversation.history.filter(history_id=int(version))
    opened = versions.values_list("history_date", flat=True).first()
    if opened is None:
        return []  # a version not of this record: nothing to compare with
    history = MeetingAttendance.history.filter(conversation_id=conversation.pk)
    changed = set(history.filter(history_date__gt=opened).values_list("member_id", flat=True))
    if not changed:
        return []
    then = {}
    before = history.filter(history_date__lte=opened, member_id__in=changed)
    for earlier in before.order_by("history_date", "history_id"):
        then[earlier.member_id] = None if earlier.history_type == "-" else earlier
    now = {a.member_id: a for a in conversation.attendances.filter(member_id__in=changed)}
    names = dict(NetworkMember.objects.filter(pk__in=changed).values_list("pk", "name"))
    return [
        (names[member], _came(then.get(member)), _came(now.get(member)))
        for member in sorted(changed, key=lambda pk: (names[pk], pk))
    ]


def _came(attendance) -> str:
    if attendance is None:
        return "Not recorded as coming"
    return f"Came, and offered: {attendance.offered}" if attendance.offered else "Came"
