from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property


class Role(models.TextChoices):
    """The roles of the service; each is a group carrying its permissions."""

    PRACTITIONER = "practitioner", "Practitioner"
    TEAM_LEAD = "team_lead", "Team lead"
    ADMINISTRATOR = "administrator", "Administrator"
    INFORMATION_GOVERNANCE = "information_governance", "Information governance"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"

    @property
    def group_name(self) -> str:
        return self.label


class Team(models.Model):
    name = models.CharField(max_length=100, unique=True)
    # How the people the team works with reach it: printed in their own copy.
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    # A closed team keeps its records and history; no one joins it, and it is not offered.
    closed_on = models.DateField(null=True, blank=True)
    deputy_reviewers = models.ManyToManyField(
        "accounts.User",
        blank=True,
        related_name="deputy_for",
        help_text=(
            "Leads or senior practitioners of other teams who review this team's records "
            "when none of its own leads may (a lead never reviews writing of their own)"
        ),
    )

    class Meta:
        ordering = ["name"]
        permissions = [
            ("work_with_people", "Can record and see the people of their own teams"),
            ("review_records", "Can review and sign off records of the teams they lead"),
            ("manage_directory", "Can manage the community resource directory"),
            ("manage_accounts", "Can manage users and teams"),
            ("view_access_log", "Can see who has viewed a person's record"),
            ("export_personal_data", "Can export everything held about a person"),
            ("govern_information", "Can search the whole access log of everyone"),
            ("audit_record_quality", "Can audit the quality of signed-off records"),
        ]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A member of staff, signing in with their work email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField("can use the Django admin", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.group_name).exists()

    def add_role(self, role: Role) -> None:
        from django.contrib.auth.models import Group

        self.groups.add(Group.objects.get(name=role.group_name))

    @property
    def works_with_people(self) -> bool:
        return self.is_active and self.has_perm("accounts.work_with_people")

    @property
    def reviews_records(self) -> bool:
        return self.is_active and self.has_perm("accounts.review_records")

    @property
    def exports_personal_data(self) -> bool:
        return self.is_active and self.has_perm("accounts.export_personal_data")

    @property
    def governs_information(self) -> bool:
        return self.is_active and self.has_perm("accounts.govern_information")

    @property
    def audits_access(self) -> bool:
        return self.is_active and self.has_perm("accounts.view_access_log")

    @property
    def audits_record_quality(self) -> bool:
        return self.is_active and self.has_perm("accounts.audit_record_quality")

    @property
    def manages_accounts(self) -> bool:
        return self.is_active and self.has_perm("accounts.manage_accounts")

    @property
    def manages_directory(self) -> bool:
        return self.is_active and self.has_perm("accounts.manage_directory")

    @cached_property
    def is_deputy_reviewer(self) -> bool:
        """Named by a team as a deputy reviewer; asked once a request, as permissions are."""
        return self.deputy_for.exists()


class EmergencyAccess(models.Model):
    """A practitioner or lead on duty opening the record of a person outside their teams,
    for a reason given first, for a limited time (accounts/access.py counts it in scope)."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="emergency_accesses")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="emergency_accesses"
    )
    reason = models.TextField(max_length=2000)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # A restricted record opens only once information governance approves: until then the
    # access waits (and counts for nothing); approving starts its minutes, refusing ends it.
    needs_approval = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at", "-pk"]
        indexes = [models.Index(fields=["user", "expires_at"])]
        verbose_name_plural = "emergency accesses"

    def __str__(self) -> str:
        return f"Emergency access by {self.user} on {self.granted_at:%d %B %Y %H:%M}"


class LiftableQuerySet(models.QuerySet):
    def in_force(self) -> "LiftableQuerySet":
        return self.filter(lifted_at__isnull=True)


class Liftable(models.Model):
    """Something placed on a person's record that stays in force until it is lifted, by
    whom and why, and is kept, lifted (a restriction, a legal hold). One in force at a time:
    each model says so in a constraint of its own."""

    lifted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_because = models.TextField(max_length=1000, blank=True)

    objects = LiftableQuerySet.as_manager()

    class Meta:
        abstract = True

    def lift(self, *, because: str, by: User) -> None:
        """Lifts it, once: lifting what was lifted already is refused."""
        if self.lifted_at is not None:
            raise ValueError(f"This {self._meta.verbose_name} was already lifted")
        self.lifted_at = timezone.now()
        self.lifted_by = by
        self.lifted_because = because
        self.save(update_fields=["lifted_at", "lifted_by", "lifted_because"])


class Restriction(Liftable):
    """A person's record that only the staff named here may open (a member of staff, a
    relative of one, a public figure): it is missing from everyone else's lists and searches,
    and information governance sees every opening (accounts/access.py applies it)."""

    class Reason(models.TextChoices):
        MEMBER_OF_STAFF = "member_of_staff", "They are a member of staff"
        RELATIVE_OF_STAFF = (
            "relative_of_staff",
            "They are a relative or friend of a member of staff",
        )
        PUBLIC_FIGURE = "public_figure", "They are a public figure"
        OTHER = "other", "Another reason"

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="restrictions"
    )
    reason = models.CharField(max_length=30, choices=Reason.choices)
    details = models.TextField("more about why", max_length=1000, blank=True)
    named_staff = models.ManyToManyField(
        User, related_name="restricted_records_open_to", verbose_name="staff who may open it"
    )
    restricted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    restricted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-restricted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(lifted_at__isnull=True),
                name="one_restriction_in_force",
            )
        ]

    def __str__(self) -> str:
        return f"Restricted on {self.restricted_at:%d %B %Y}: {self.get_reason_display()}"
