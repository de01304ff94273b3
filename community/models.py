import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.timesince import timesince
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person


class Category(models.Model):
    """A taxonomy term that resources are filed under (Open Referral UK's taxonomy_term)."""

    name = models.CharField(max_length=100, unique=True)
    external_id = models.CharField(max_length=100, blank=True)
    # As a directory published the term: the taxonomy it belongs to (by name), its code
    # there, its own description and its address. Empty for a category made here.
    taxonomy = models.CharField(max_length=200, blank=True)
    code = models.CharField(max_length=100, blank=True)
    description = models.TextField(max_length=1000, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


def address_in_lines(place: "CommunityResource | Place") -> str:
    """An address a line a part, its country only when it is not the UK."""
    abroad = place.country if place.country != "GB" else ""
    parts = [
        place.address_line_1,
        place.address_line_2,
        place.town,
        place.county,
        place.postcode,
        abroad,
    ]
    return "\n".join(part for part in parts if part)


def stale_before(months: int) -> datetime.date:
    """A resource last checked before this day has not been checked for `months`."""
    return timezone.localdate() - datetime.timedelta(days=round(months * 30.44))


class CommunityResourceQuerySet(models.QuerySet):
    def active(self) -> "CommunityResourceQuerySet":
        return self.filter(status=CommunityResource.Status.ACTIVE)

    def stale(self, *, months: int) -> "CommunityResourceQuerySet":
        """Active resources not verified for `months`, oldest check first."""
        cutoff = stale_before(months)
        return (
            self.active()
            .filter(models.Q(last_verified__lt=cutoff) | models.Q(last_verified__isnull=True))
            .order_by(models.F("last_verified").asc(nulls_first=True), "name")
        )


def validate_ways_to_give(value) -> None:
    """A resource's ways to give: a list of `CommunityResource.WayToGive` values."""
    known = CommunityResource.WayToGive.values
    if not isinstance(value, list) or any(way not in known for way in value):
        raise ValidationError("Select the ways people can give from the list", code="unknown_way")


class CommunityResource(SavedBy, models.Model):
    """A community asset people can be connected to: a group, a place, a person's gift."""

    class AssetType(models.TextChoices):
        # After asset-based community development (ABCD).
        INDIVIDUALS = "individuals", "Individuals' gifts"
        ASSOCIATIONS = "associations", "Associations"
        INSTITUTIONS = "institutions", "Institutions"
        PHYSICAL_SPACES = "physical_spaces", "Physical spaces"
        ECONOMIC_EXCHANGE = "economic_exchange", "Economic exchange"
        CULTURE = "culture", "Culture"

    class Cost(models.TextChoices):
        FREE = "free", "Free"
        LOW_COST = "low_cost", "Low cost"
        PAID = "paid", "Paid"
        # Imported directories do not always say.
        UNKNOWN = "unknown", "Not known"

    class Access(models.TextChoices):
        SELF_REFERRAL = "self_referral", "Anyone can go: no introduction needed"
        REFERRAL = "referral", "Needs an introduction"

    class WayToGive(models.TextChoices):
        # What the person can give, not only receive: a resource is a place to contribute too.
        VOLUNTEERING = "volunteering", "Volunteering"
        JOINING = "joining", "Joining as a member"
        GIVING = "giving", "Giving money or things"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    external_id = models.CharField(
        max_length=100, blank=True, help_text="Its Open Referral UK service id"
    )
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    organisation_external_id = models.CharField(max_length=100, blank=True)
    description = models.TextField(max_length=5000)
    asset_type = models.CharField(max_length=20, choices=AssetType.choices)
    categories = models.ManyToManyField(Category, blank=True, related_name="resources")
    # The GOV.UK address pattern, which is also how Open Referral UK holds an address.
    place_name = models.CharField(
        "the place's name", max_length=200, blank=True, help_text="The building or venue"
    )
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    # ISO 3166-1's two letters, as Open Referral UK gives an address's: a UK postcode is
    # checked only for "GB".
    country = models.CharField(
        max_length=2,
        default="GB",
        validators=[RegexValidator(r"^[A-Z]{2}$", "Enter the country as two capital letters")],
    )
    # A refuge's: the address stays with those who keep the directory (see `accounts.access`),
    # and out of every export, the API and the directory's pages for everyone else.
    address_confidential = models.BooleanField("keep the address confidential", default=False)
    # Where it is, as a directory published it; else distances use its postcode's centre.
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    area = models.CharField(max_length=200, blank=True, help_text="The neighbourhood or ward")
    contact_name = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(max_length=500, blank=True)
    opening_times = models.TextField(max_length=1000, blank=True)
    who_for = models.TextField("who it is for", max_length=1000, blank=True)
    # In whole years, as Open Referral UK's minimum_age and maximum_age: either, both or none.
    minimum_age = models.PositiveSmallIntegerField("youngest age", null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField("oldest age", null=True, blank=True)
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_detail = models.CharField(max_length=300, blank=True)
    accessibility = models.TextField(max_length=1000, blank=True)
    how_to_access = models.CharField(
        max_length=20, choices=Access.choices, default=Access.SELF_REFERRAL
    )
    # A list of WayToGive values, in the order of its choices.
    ways_to_give = models.JSONField(
        "ways people can give", default=list, blank=True, validators=[validate_ways_to_give]
    )
    how_to_give = models.TextField("how people can give", max_length=1000, blank=True)
    last_verified = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # The categories' names, kept beside them so that PostgreSQL can index them for search
    # with the name and description (a generated column: see migration 0004).
    category_names = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[categories])
    objects = CommunityResourceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["status", "name"]),
            models.Index(fields=["status", "last_verified"]),
            models.Index(fields=["external_id"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    @property
    def ways_to_give_display(self) -> list[str]:
        """The ways people can give here, in words, in the order of the choices."""
        return [way.label for way in CommunityResource.WayToGive if way.value in self.ways_to_give]

    @property
    def areas(self) -> str:
        """The neighbourhood or ward, then any other areas a directory published (fetch
        `service_areas` with it)."""
        names = [self.area, *(served.name for served in self.service_areas.all())]
        return ", ".join(dict.fromkeys(name for name in names if name))

    @property
    def ages(self) -> str:
        """The age range in words, or nothing when it is open to all ages."""
        low, high = self.minimum_age, self.maximum_age
        if low is not None and high is not None:
            return f"{low} to {high}"
        if low is not None:
            return f"{low} and over"
        return f"Up to {high}" if high is not None else ""

    def clean(self) -> None:
        low, high = self.minimum_age, self.maximum_age
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"maximum_age": "The oldest age must be the same as or more than the youngest"}
            )

    @property
    def full_address(self) -> str:
        return address_in_lines(self)

    @property
    def last_checked(self) -> str:
        """The age of the last check, in words, for wherever the resource is shown."""
        if self.last_verified is None:
            return "Never checked"
        if self.last_verified >= timezone.localdate():
            return "Checked today"
        ago = timesince(self.last_verified, timezone.localdate(), depth=1)
        return f"Last checked {ago} ago, on {self.last_verified:%-d %B %Y}"

    def not_checked_for(self, months: int) -> bool:
        """Whether no one has checked the resource for `months` (or ever)."""
        return self.last_verified is None or self.last_verified < stale_before(months)

    def save_with_categories(self, categories, *, by: User) -> None:
        self.category_names = ", ".join(sorted(category.name for category in categories))
        self.save_by(by)
        self.categories.set(categories)

    def archive(self, *, by: User) -> None:
        self.status = self.Status.ARCHIVED
        self.save_by(by)

    def restore(self, *, by: User) -> None:
        self.status = self.Status.ACTIVE
        self.save_by(by)

    def mark_verified(self, *, by: User) -> None:
        self.last_verified = timezone.localdate()
        self.save_by(by)


class ConnectionQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "ConnectionQuerySet":
        return self.filter(person_scope(user, via="person"))

    def current(self) -> "ConnectionQuerySet":
        return self.exclude(status=Connection.Status.STOPPED)


def connections_on(person: Person, day: datetime.date) -> list["Connection"]:
    """The person's connections as their history says they stood at the end of `day`."""
    end_of_day = timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))
    then = [
        connection
        for connection in Connection.history.as_of(end_of_day).filter(person_id=person.pk)
        if connection.status != Connection.Status.STOPPED
    ]
    resources = CommunityResource.objects.in_bulk({c.resource_id for c in then})
    for connection in then:
        connection.resource = resources[connection.resource_id]
    return then


class Connection(SavedBy, models.Model):
    """A person's link to a community resource, as someone supported or someone giving."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        INTRODUCED = "introduced", "Introduced"
        ATTENDING = "attending", "Attending"
        STOPPED = "stopped", "Stopped"

    class Role(models.TextChoices):
        RECEIVES = "receives", "Receives support"
        VOLUNTEER = "volunteer", "Contributes as a volunteer"
        MEMBER = "member", "Contributes as a member"
        ORGANISER = "organiser", "Contributes as an organiser"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="connections")
    resource = models.ForeignKey(
        CommunityResource, on_delete=models.PROTECT, related_name="connections"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUGGESTED)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECEIVES)
    notes = models.TextField(max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ConnectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "pk"]
        indexes = [
            # A person's connections with what the service measures count of them.
            models.Index(
                fields=["person"],
                include=["created_at", "status", "role"],
                name="connections_by_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.resource}"


class FeedbackQuerySet(models.QuerySet):
    def to_review(self) -> "FeedbackQuerySet":
        """What practitioners reported as changed that no administrator has resolved yet."""
        return self.filter(resolved_at__isnull=True).exclude(kind=Feedback.Kind.HELPFUL)


class Feedback(models.Model):
    """A practitioner's word on whether a resource is still as the directory describes it
    ("Tell us if this has changed")."""

    class Kind(models.TextChoices):
        HELPFUL = "helpful", "It was helpful, and nothing has changed"
        OUT_OF_DATE = "out_of_date", "Something here is out of date"
        CLOSED = "closed", "It has closed or stopped running"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="feedback"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    what_changed = models.TextField(max_length=2000, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["given_at", "pk"]
        indexes = [
            # The freshness review's first part: what waits to be resolved.
            models.Index(
                fields=["resource", "given_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="feedback_to_review",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource}: {self.get_kind_display()}"


class Feed(models.Model):
    """Another directory's Open Referral UK API that an administrator has imported from, and
    whether the worker reads it again every day (`openreferral_feeds_refresh`)."""

    url = models.URLField(max_length=500, unique=True)
    refresh_daily = models.BooleanField("read it again every day", default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_read_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class Day(models.TextChoices):
    """A day of the week, coded as Open Referral UK's schedules code it (iCalendar's)."""

    MONDAY = "MO", "Monday"
    TUESDAY = "TU", "Tuesday"
    WEDNESDAY = "WE", "Wednesday"
    THURSDAY = "TH", "Thursday"
    FRIDAY = "FR", "Friday"
    SATURDAY = "SA", "Saturday"
    SUNDAY = "SU", "Sunday"


class OpeningTimeQuerySet(models.QuerySet):
    def in_force(self, on: datetime.date) -> "OpeningTimeQuerySet":
        """The lines that hold on the day `on`: those with no dates, or dates around it."""
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )


class OpeningTime(models.Model):
    """A line of a resource's opening times: the days of the week it is open, from when to
    when, and, if it holds only for a while, from which date to which. A weekly schedule of
    Open Referral UK; what a schedule says otherwise is kept in the resource's words."""

    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="opening_hours"
    )
    # The days' codes in the week's order, "MO,TU": the standard's `byday`, and searchable.
    days = models.CharField(max_length=20)
    opens_at = models.TimeField("opens", null=True, blank=True)
    closes_at = models.TimeField("closes", null=True, blank=True)
    valid_from = models.DateField("from", null=True, blank=True)
    valid_to = models.DateField("until", null=True, blank=True)
    notes = models.CharField(max_length=500, blank=True)

    objects = OpeningTimeQuerySet.as_manager()

    class Meta:
        ordering = ["resource", "pk"]
        indexes = [models.Index(fields=["days", "opens_at", "closes_at"])]

    def __str__(self) -> str:
        return f"{self.resource}: {self.days_display}"

    @property
    def day_codes(self) -> list[str]:
        return [code for code in self.days.split(",") if code]

    @property
    def days_display(self) -> str:
        """The days in words: a run of three or more as "Monday to Friday"."""
        week = list(Day.values)
        chosen = sorted({week.index(code) for code in self.day_codes if code in week})
        runs: list[list[int]] = []
        for index in chosen:
            if runs and runs[-1][-1] == index - 1:
                runs[-1].append(index)
            else:
                runs.append([index])
        words = []
        for run in runs:
            names = [Day(week[index]).label for index in run]
            words += [f"{names[0]} to {names[-1]}"] if len(run) > 2 else names
        return (
            " and ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words)
        )

    @property
    def overnight(self) -> bool:
        """Whether it closes the day after it opens (a night shelter, 8pm to 8am)."""
        return bool(self.opens_at and self.closes_at and self.closes_at < self.opens_at)

    def clean(self) -> None:
        problems = {}
        if self.opens_at and self.closes_at and self.closes_at == self.opens_at:
            problems["closes_at"] = "The closing time must not be the same as the opening time"
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            problems["valid_to"] = "The last date must be the same as or after the first"
        if problems:
            raise ValidationError(problems)


class Place(models.Model):
    """Another place a resource runs at, beyond its own address (Open Referral UK's further
    locations): its name, address, point and how accessible it is. A confidential one (a
    refuge's) is shown and published as the resource's own confidential address is."""

    resource = models.ForeignKey(CommunityResource, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(max_length=200, blank=True)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    country = models.CharField(max_length=2, default="GB")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.TextField(max_length=1000, blank=True)
    confidential = models.BooleanField("keep the address confidential", default=False)

    class Meta:
        ordering = ["resource", "pk"]

    def __str__(self) -> str:
        return self.name or self.address_line_1 or "A place"

    @property
    def full_address(self) -> str:
        return address_in_lines(self)


class CostOption(models.Model):
    """One of the prices a resource publishes (Open Referral UK's cost option): what it is
    for, how much, in words, and the dates it holds between."""

    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="cost_options"
    )
    option = models.CharField("what it is for", max_length=200, blank=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField("in words", max_length=500, blank=True)
    valid_from = models.DateField("from", null=True, blank=True)
    valid_to = models.DateField("until", null=True, blank=True)

    class Meta:
        ordering = ["resource", "pk"]

    def __str__(self) -> str:
        return self.option or self.amount_description or str(self.amount)


class Contact(models.Model):
    """Someone else to contact about a resource, beyond its own contact: their name and job
    title, as a directory published them (all the UK profile keeps of a contact)."""

    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=150, blank=True)
    title = models.CharField("job title", max_length=150, blank=True)

    class Meta:
        ordering = ["resource", "pk"]

    def __str__(self) -> str:
        return self.name or self.title


class Language(models.Model):
    """A language spoken at a resource (not only through an interpreter), as a directory
    published it: its name, its code (ISO 639) and a note."""

    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="languages"
    )
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["resource", "pk"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(models.Model):
    """Another area a resource serves, as a directory published it: its name and, when it
    gave them, its extent (a GeoJSON shape, say), the extent's kind and an address."""

    resource = models.ForeignKey(
        CommunityResource, on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.CharField(max_length=200, blank=True)
    extent = models.TextField(max_length=100_000, blank=True)
    extent_type = models.CharField(max_length=50, blank=True)
    uri = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["resource", "pk"]

    def __str__(self) -> str:
        return self.name or self.uri
