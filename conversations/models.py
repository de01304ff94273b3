import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_scope, review_scope, teams_reviewed_by
from accounts.models import User
from history.models import SavedBy
from networks.models import MeetingAttendance
from people.models import Person


class ConversationQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "ConversationQuerySet":
        return self.filter(person_scope(user, via="person"))

    def to_review_by(self, user: User) -> "ConversationQuerySet":
        """Records submitted in the teams `user` leads or deputises for, oldest first."""
        return self.filter(
            review_scope(user, via="person"), status=Conversation.Status.SUBMITTED
        ).order_by("submitted_at", "pk")

    def reviewable_by(self, user: User) -> "ConversationQuerySet":
        """What `user` sees, and the records waiting for their review (a deputy reviewer
        sees another team's records only while they wait)."""
        waiting = review_scope(user, via="person") & models.Q(status=Conversation.Status.SUBMITTED)
        return self.filter(person_scope(user, via="person") | waiting)

    def setting_reviews(self) -> "ConversationQuerySet":
        """Signed-off records that set (or ended) a care and support plan's reviews, latest
        first, each with `next_review`: a review's next date (none when it ended the plan),
        or the first review of a plan it agreed (conversations/plans.py)."""
        sets_reviews = models.Q(plan_review_date__isnull=False) | ~models.Q(review_plan="")
        next_review = models.Case(
            # A review that changed the plan: the new plan's first review, if it set one.
            models.When(
                review_plan=Conversation.PlanAfterReview.CHANGES,
                plan_review_date__isnull=False,
                then=models.F("plan_review_date"),
            ),
            models.When(
                kind=Conversation.Kind.REVIEW,
                review_plan__gt="",
                then=models.F("review_next_date"),
            ),
            default=models.F("plan_review_date"),
            output_field=models.DateField(),
        )
        return (
            self.filter(sets_reviews, status=Conversation.Status.SIGNED_OFF)
            .annotate(next_review=next_review)
            .order_by("-signed_off_at", "-pk")
        )


class RecordLocked(Exception):
    """Raised when a change is asked of a record that its status does not allow."""


# Fields that submitting and reviewing change, and marking an action done: not writing.
NOT_WRITING = {
    "status",
    "submitted_at",
    "reviewed_by",
    "review_comment",
    "signed_off_at",
    "review_was_due",
    "updated_at",
    "done",
    "done_at",
}


class Conversation(SavedBy, models.Model):
    """A "what matters" conversation, recorded section by section as a draft."""

    class Stage(models.IntegerChoices):
        LISTEN_AND_CONNECT = 1, "1: Listen and connect"
        CRISIS = 2, "2: Work intensively with people in crisis"
        GOOD_LIFE = 3, "3: Build a good life"

    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one"
        NETWORK_MEETING = "network_meeting", "Network meeting or family group conference"
        # A carer's own conversation (Care Act 2014 s.10): the carer's record, not the
        # record of the person they care for.
        CARERS = "carers", "A carer\u2019s conversation, about their own needs as a carer"
        # Looking back at a care and support plan (s.27).
        REVIEW = "review", "A review of their care and support plan"

    class Method(models.TextChoices):
        HOME_VISIT = "home_visit", "Home visit"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video call"
        COMMUNITY_VENUE = "community_venue", "Community venue"
        OFFICE = "office", "Office"

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved: nothing more is needed from us now"
        SAME_STAGE = "same_stage", "Another conversation at the same stage"
        MOVE_TO_STAGE_2 = "stage_2", "Move to conversation 2: work intensively in a crisis"
        MOVE_TO_STAGE_3 = "stage_3", "Move to conversation 3: build a good life"
        REFERRED_ON = "referred_on", "Connected to another service"

    class PrivateTime(models.TextChoices):
        YES = "yes", "Yes: the professionals left while the family talked and planned"
        NO = "no", "No"
        NOT_WANTED = "not_wanted", "The family chose not to"

    class Decision(models.TextChoices):
        AGREED = "agreed", "Agreed"
        IN_PART = "in_part", "Agreed in part"
        NOT_AGREED = "not_agreed", "Not agreed"
        NOT_YET = "not_yet", "Not decided yet"

    class Shared(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No, it could not be shared with them"

    class SharedHow(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "By phone"
        POST = "post", "By post"
        EMAIL = "email", "By email"

    class SharedFormat(models.TextChoices):
        LARGE_PRINT = "large_print", "In large print"
        EASY_READ = "easy_read", "In easy read"
        LANGUAGE = "language", "In another language"
        INTERPRETER = "interpreter", "With an interpreter"

    class Agreement(models.TextChoices):
        AGREED = "agreed", "They agreed with it"
        WITH_COMMENTS = "with_comments", "They agreed, with comments"
        NOT_AGREED = "not_agreed", "They did not agree"

    class NotShared(models.TextChoices):
        DECLINED = "declined", "They declined"
        CAPACITY = "capacity", "They lack capacity for this decision"
        OTHER = "other", "Another reason"

    class YesNo(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"

    class Residence(models.TextChoices):
        HERE = "here", "They are ordinarily resident in our area"
        NO_SETTLED = "no_settled", "They have no settled residence and are present in our area"
        ELSEWHERE = "elsewhere", "They are ordinarily resident in another council\u2019s area"

    class Caring(models.TextChoices):
        YES = "yes", "Yes"
        IN_PART = "in_part", "Yes, in part"
        NO = "no", "No"

    class Every(models.TextChoices):
        WEEK = "week", "Every week"
        FOUR_WEEKS = "four_weeks", "Every 4 weeks"
        MONTH = "month", "Every month"

    class PlanAfterReview(models.TextChoices):
        CONTINUES = "continues", "The plan continues as it is"
        CHANGES = "changes", "The plan changes"
        ENDS = "ends", "The plan ends: funded support is no longer needed"

    class Advocacy(models.TextChoices):
        NOT_NEEDED = "not_needed", "Not needed"
        OFFERED = "offered", "Offered, and they declined"
        APPOINTED = "appointed", "An advocate was appointed"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        SIGNED_OFF = "signed_off", "Signed off"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conversations")
    practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conversations"
    )

    date = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    who_was_there = models.TextField(max_length=2000, blank=True)
    stage = models.PositiveSmallIntegerField(
        choices=Stage.choices, default=Stage.LISTEN_AND_CONNECT
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ONE_TO_ONE)

    what_matters = models.TextField(max_length=10000, blank=True)
    strengths_own_words = models.TextField(max_length=10000, blank=True)
    strengths_noticed = models.TextField(max_length=10000, blank=True)
    contributions = models.TextField(max_length=10000, blank=True)
    relationships_important = models.TextField(max_length=10000, blank=True)
    relationships_help = models.TextField(max_length=10000, blank=True)
    relationships_in_the_way = models.TextField(max_length=10000, blank=True)
    # Each level of focus (strengths, relationships, community) has an entry or a reason it
    # was not talked about: none is skipped without a word.
    relationships_not_discussed = models.TextField(max_length=2000, blank=True)
    community_assets = models.TextField(max_length=10000, blank=True)
    community_not_discussed = models.TextField(max_length=2000, blank=True)
    # The whole of a life, in optional prompts: the forms of capital, capabilities (what they
    # would like to be able to do or be, and the real choices open to them), and what makes
    # life harder that is not about them.
    life_personal = models.TextField(max_length=10000, blank=True)
    life_relationships = models.TextField(max_length=10000, blank=True)
    life_identity = models.TextField(max_length=10000, blank=True)
    life_social = models.TextField(max_length=10000, blank=True)
    life_economic = models.TextField(max_length=10000, blank=True)
    capabilities_wanted = models.TextField(max_length=10000, blank=True)
    capabilities_choices = models.TextField(max_length=10000, blank=True)
    life_harder = models.TextField(max_length=10000, blank=True)
    # A network meeting or family group conference: who convened it, what the person asked
    # of their network, whether the family had private time, their own plan, and any
    # disagreements and how they were resolved.
    meeting_convened_by = models.CharField(max_length=200, blank=True)
    meeting_question = models.TextField(max_length=5000, blank=True)
    meeting_private_time = models.CharField(max_length=20, choices=PrivateTime.choices, blank=True)
    meeting_plan = models.TextField(max_length=10000, blank=True)
    meeting_disagreements = models.TextField(max_length=5000, blank=True)
    # What the person asked of the council, its decision and why, and what happens next: the
    # council's power as gatekeeper, in the open.
    asked_of_us = models.TextField(max_length=5000, blank=True)
    asked_decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    asked_reasons = models.TextField(max_length=5000, blank=True)
    asked_next = models.TextField(max_length=5000, blank=True)
    # Conversation 2: needs met urgently before any assessment or decision (Care Act 2014
    # s.19(3)), what was put in place, and when it will be looked at again.
    urgent_support = models.TextField(max_length=5000, blank=True)
    urgent_review_date = models.DateField(null=True, blank=True)
    # Independent advocacy (Care Act 2014 s.67): whether they would have substantial
    # difficulty being involved, and have no one appropriate to support them; an advocate
    # offered or appointed.
    advocacy_difficulty = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    advocacy_someone = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    advocacy = models.CharField(max_length=20, choices=Advocacy.choices, blank=True)
    advocate_name = models.CharField(max_length=200, blank=True)
    advocate_organisation = models.CharField(max_length=200, blank=True)
    # A carer's conversation: who they care for (the link both ways), whether they are able
    # and willing to go on caring, the impact on their wellbeing, and their own life.
    cares_for = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carers_conversations",
    )
    carer_able = models.CharField(max_length=10, choices=Caring.choices, blank=True)
    carer_willing = models.CharField(max_length=10, choices=Caring.choices, blank=True)
    carer_wellbeing = models.TextField(max_length=10000, blank=True)
    carer_work_life = models.TextField(max_length=10000, blank=True)
    needs = models.TextField(max_length=10000, blank=True)
    risks = models.TextField(max_length=10000, blank=True)
    managing_risk = models.TextField(max_length=10000, blank=True)
    crisis_plan = models.TextField(max_length=10000, blank=True)
    crisis_review_date = models.DateField(null=True, blank=True)
    good_life_vision = models.TextField(max_length=10000, blank=True)
    good_life_what_it_takes = models.TextField(max_length=10000, blank=True)
    # The eligibility decision (Care Act 2014 s.13), in conversation 3 when funded support is
    # considered, or in a carer's conversation: the criteria's answers (conversations/
    # eligibility.py), decided as if no carer were helping, and what carers do now apart.
    eligibility_needs_arise = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    # {outcome: {"tests": [the tests by which they are unable to achieve it], "said": "..."}}
    eligibility_outcomes = models.JSONField(default=dict, blank=True)
    eligibility_health_at_risk = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    eligibility_wellbeing_impact = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    eligibility_wellbeing_areas = models.JSONField(default=list, blank=True)
    eligibility_wellbeing_how = models.TextField(max_length=5000, blank=True)
    eligibility_carers_do = models.TextField(max_length=5000, blank=True)
    eligible = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    eligibility_reasons = models.TextField(max_length=10000, blank=True)
    eligibility_advice = models.TextField(max_length=5000, blank=True)
    ordinary_residence = models.CharField(max_length=20, choices=Residence.choices, blank=True)
    ordinary_residence_council = models.CharField(max_length=200, blank=True)
    eligibility_decided_on = models.DateField(null=True, blank=True)
    # The care and support plan (ss.24-25) after an eligible decision: which needs will be met
    # and how, the financial assessment's outcome as the finance team decided it (s.17), the
    # personal budget (s.26), any direct payment, who was involved, whether they agreed, and
    # when it starts and will first be reviewed.
    plan_needs = models.TextField(max_length=10000, blank=True)
    plan_by_network = models.TextField(max_length=10000, blank=True)
    plan_by_community = models.TextField(max_length=10000, blank=True)
    plan_funded = models.TextField(max_length=10000, blank=True)
    plan_budget = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    plan_contribution = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    plan_direct_payment = models.CharField(max_length=3, choices=YesNo.choices, blank=True)
    plan_payment_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    plan_payment_every = models.CharField(max_length=20, choices=Every.choices, blank=True)
    plan_involved = models.TextField(max_length=5000, blank=True)
    plan_agreement = models.CharField(max_length=20, choices=Agreement.choices, blank=True)
    plan_not_agreed_why = models.TextField(max_length=5000, blank=True)
    plan_starts_on = models.DateField(null=True, blank=True)
    plan_review_date = models.DateField(null=True, blank=True)
    # A review (s.27) looks back at the plan: what worked, what changed, what happens to the
    # plan, and when it is next reviewed. `review_was_due` is the date it answered.
    review_what_worked = models.TextField(max_length=10000, blank=True)
    review_what_changed = models.TextField(max_length=10000, blank=True)
    review_plan = models.CharField(max_length=20, choices=PlanAfterReview.choices, blank=True)
    review_next_date = models.DateField(null=True, blank=True)
    review_was_due = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_notes = models.TextField(max_length=5000, blank=True)
    next_date = models.DateField(null=True, blank=True)
    # Read back with the person before the record is submitted: how, when, in what format,
    # their own comments and whether they agreed; or why it could not be shared.
    shared = models.CharField(max_length=10, choices=Shared.choices, blank=True)
    shared_how = models.CharField(max_length=20, choices=SharedHow.choices, blank=True)
    shared_formats = models.JSONField(default=list, blank=True)
    shared_language = models.CharField(max_length=100, blank=True)
    shared_on = models.DateField(null=True, blank=True)
    persons_comments = models.TextField(max_length=5000, blank=True)
    agreement = models.CharField(max_length=20, choices=Agreement.choices, blank=True)
    not_agreed_why = models.TextField(max_length=5000, blank=True)
    not_shared_reason = models.CharField(max_length=20, choices=NotShared.choices, blank=True)
    not_shared_detail = models.TextField(max_length=2000, blank=True)
    # The parts of the record checked with the person for their own copy, each with a digest
    # of its words as they were checked: words changed since are not in the copy until
    # checked again (conversations/read_back.py).
    checked_with_person = models.JSONField(default=dict, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.TextField(max_length=5000, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_conversations",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            # Each person's records, latest first; carrying what the service measures count,
            # so that they are counted from the index alone (measures/selectors.py).
            models.Index(
                fields=["person", "-date", "-created_at", "-id"],
                include=[
                    "stage",
                    "outcome",
                    "status",
                    "kind",
                    "eligible",
                    "eligibility_decided_on",
                    "plan_starts_on",
                    "plan_review_date",
                    "review_was_due",
                ],
                name="records_by_person_and_date",
            ),
            # A team's records waiting for review: found person by person, by status.
            models.Index(fields=["person", "status"]),
            models.Index(fields=["practitioner", "status"]),
            # A practitioner's conversations' ids, read from the index alone: the home page
            # looks up their open actions due by these (overview.selectors.my_actions_due).
            models.Index(fields=["practitioner", "id"], name="conversations_by_practitioner"),
            models.Index(fields=["status", "submitted_at"]),
            # Each person's latest signed-off record that set their plan's reviews, read once a
            # person by plans.review_due: records that set none are left out.
            models.Index(
                fields=["person", "-signed_off_at", "-id"],
                condition=models.Q(status="signed_off")
                & (models.Q(plan_review_date__isnull=False) | ~models.Q(review_plan="")),
                name="records_setting_reviews",
            ),
        ]

    def __str__(self) -> str:
        when = self.date.strftime("%-d %B %Y") if self.date else "undated"
        return f"Conversation {self.stage} with {self.person}, {when}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_signed_off(self) -> bool:
        return self.status == self.Status.SIGNED_OFF

    def can_be_edited_by(self, user: User) -> bool:
        """Only a draft is edited, and only by someone who works with the person."""
        return self.is_draft and user.works_with_people

    @property
    def was_returned(self) -> bool:
        return self.is_draft and self.reviewed_by_id is not None

    def submit(self, *, by: User) -> None:
        if not self.is_draft:
            raise RecordLocked("Only a draft can be submitted")
        self.status = self.Status.SUBMITTED
        self.submitted_at = timezone.now()
        self.save_by(by, update_fields=["status", "submitted_at", "updated_at"])
        self.reviews.create(kind=Review.Kind.SUBMITTED, by=by)

    def writer_ids(self) -> set[int]:
        """Everyone who wrote or changed any part of the record: its practitioner, and anyone
        whose saved version of a section, an action, who came to a meeting or what was said of
        a tie changed what it says (submitting, reviewing and marking an action done are not
        writing)."""
        writers = {self.practitioner_id}
        versions = [
            *self.history.order_by("history_date", "history_id"),
            *Action.history.filter(conversation_id=self.pk).order_by("id", "history_date"),
            *MeetingAttendance.history.filter(conversation_id=self.pk).order_by(
                "id", "history_date"
            ),
            *TieTalkedAbout.history.filter(conversation_id=self.pk).order_by("id", "history_date"),
        ]
        previous: dict[tuple[type, int], object] = {}
        for version in versions:
            key = (type(version), version.id)
            before = previous.get(key)
            previous[key] = version
            if version.history_user_id is None:
                continue
            if before is None or set(version.diff_against(before).changed_fields) - NOT_WRITING:
                writers.add(version.history_user_id)
        return writers

    def cannot_be_reviewed_by(self, user: User) -> str:
        """Why `user` may not sign off or return this record, or "" when they may."""
        if self.status != self.Status.SUBMITTED:
            return "Only a record submitted for review can be signed off or returned."
        if not teams_reviewed_by(user).filter(pk=self.person.team_id).exists():
            return "Only a lead of the person's team, or its deputy reviewer, reviews it."
        if user.pk in self.writer_ids():
            return (
                "You wrote or changed part of this record, so you cannot sign it off or "
                "return it: another lead of the team, or its deputy reviewer, must."
            )
        return ""

    def can_be_reviewed_by(self, user: User) -> bool:
        """A lead of the person's team, or a deputy reviewer the team names, reviews; never
        anyone who wrote or changed any part of the record."""
        return not self.cannot_be_reviewed_by(user)

    def sign_off(self, *, by: User, comment: str = "") -> None:
        if not self.can_be_reviewed_by(by):
            raise RecordLocked("This record cannot be signed off by this user")
        if self.kind == self.Kind.REVIEW:
            # The date this review answered, for the measure of reviews on time.
            earlier = Conversation.objects.filter(person=self.person_id).exclude(pk=self.pk)
            self.review_was_due = (
                earlier.setting_reviews().values_list("next_review", flat=True).first()
            )
        self.status = self.Status.SIGNED_OFF
        self.reviewed_by = by
        self.review_comment = comment
        self.signed_off_at = timezone.now()
        self.save_by(
            by,
            update_fields=[
                "status",
                "reviewed_by",
                "review_comment",
                "signed_off_at",
                "review_was_due",
                "updated_at",
            ],
        )
        self.reviews.create(kind=Review.Kind.SIGNED_OFF, by=by, comment=comment)

    def return_to_draft(self, *, by: User, comment: str) -> None:
        if not self.can_be_reviewed_by(by):
            raise RecordLocked("This record cannot be returned by this user")
        if not comment.strip():
            raise ValueError("A returned record needs the reviewer's comment")
        self.status = self.Status.DRAFT
        self.reviewed_by = by
        self.review_comment = comment
        self.save_by(by, update_fields=["status", "reviewed_by", "review_comment", "updated_at"])
        self.reviews.create(kind=Review.Kind.RETURNED, by=by, comment=comment)

    def add_addendum(self, *, text: str, by: User, asked_by_person: bool = False) -> "Addendum":
        if not self.is_signed_off:
            raise RecordLocked("Addenda are added to signed-off records; edit a draft instead")
        return self.addenda.create(text=text, author=by, asked_by_person=asked_by_person)


class Review(models.Model):
    """One step in a record's review: submitted, returned with a comment, or signed off."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        RETURNED = "returned", "Returned to the practitioner"
        SIGNED_OFF = "signed_off", "Signed off"

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(max_length=5000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.by} on {self.at:%d %B %Y}"


class Addendum(models.Model):
    """A correction or later information, attributed and dated, below a signed-off record.
    A correction the person asked for is written to them, and goes in their own copy."""

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="addenda")
    text = models.TextField(max_length=10000)
    asked_by_person = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name_plural = "addenda"

    def __str__(self) -> str:
        return f"Addendum by {self.author} on {self.created_at:%d %B %Y}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "ActionQuerySet":
        return self.filter(person_scope(user, via="conversation__person"))

    def open(self) -> "ActionQuerySet":
        return self.filter(done=False)

    def to_remind(self) -> "ActionQuerySet":
        """Open actions that reminders and lists of what is due count: none about a person who
        has died."""
        return self.open().filter(conversation__person__died_on__isnull=True)


class Action(SavedBy, models.Model):
    """Something agreed in a conversation: what, who, by when, and whether it is done."""

    class Who(models.TextChoices):
        PERSON = "person", "The person"
        PRACTITIONER = "practitioner", "The practitioner"
        NETWORK = "network", "Someone in their network"
        COMMUNITY = "community", "A community resource"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(max_length=2000)
    who = models.CharField(max_length=20, choices=Who.choices)
    who_name = models.CharField("name", max_length=200, blank=True)
    # Someone in their network who will do it: the family's own plan belongs to them.
    member = models.ForeignKey(
        "networks.NetworkMember",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="who in their network",
    )
    due = models.DateField(null=True, blank=True)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["done", "due", "pk"]
        indexes = [
            models.Index(fields=["done", "due"]),
            # Open actions by date: the few overdue ones among years of finished ones.
            models.Index(
                fields=["due"], condition=models.Q(done=False), name="open_actions_by_due"
            ),
            # A practitioner's open actions, found conversation by conversation (home page).
            models.Index(
                fields=["conversation", "due"],
                condition=models.Q(done=False),
                name="open_actions_by_conversation",
            ),
        ]

    def __str__(self) -> str:
        return self.what

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due is not None and self.due < timezone.localdate()

    def mark_done(self, *, by: User) -> None:
        self.done = True
        self.done_at = timezone.now()
        self.save_by(by, update_fields=["done", "done_at"])


class TieTalkedAbout(SavedBy, models.Model):
    """What was said in a conversation about one member of the person's network: what helps,
    what gets in the way, what flows each way, and any change in the tie, which was made to
    the network at once (the network is live, not part of the draft)."""

    class Change(models.TextChoices):
        NONE = "", "No change"
        ADDED = "added", "Joined their network in this conversation"
        CLOSER = "closer", "Closer"
        STRESSFUL = "stressful", "More stressful"
        ENDED = "ended", "Ended"

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="ties_talked_about"
    )
    member = models.ForeignKey(
        "networks.NetworkMember", on_delete=models.PROTECT, related_name="talked_about"
    )
    what_helps = models.TextField(max_length=5000, blank=True)
    in_the_way = models.TextField(max_length=5000, blank=True)
    flows = models.TextField(max_length=5000, blank=True)
    change = models.CharField(max_length=20, choices=Change.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "member"], name="a_tie_once_a_conversation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.conversation}"

    @property
    def has_words(self) -> bool:
        return bool(self.what_helps or self.in_the_way or self.flows)


class ConnectionTalkedAbout(SavedBy, models.Model):
    """A community connection talked about in a conversation: made there, or changed there
    (what was discussed is on the connection itself, which is live, not part of the draft)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="connections_talked_about"
    )
    connection = models.ForeignKey(
        "community.Connection", on_delete=models.PROTECT, related_name="talked_about"
    )
    made_here = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "connection"], name="a_connection_once_a_conversation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.connection} in {self.conversation}"
