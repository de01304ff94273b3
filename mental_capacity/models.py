"""Who may decide for the person, and assessments of their capacity to make a decision.

The words of the law are those of the Mental Capacity Act 2005: capacity is about one
decision at one time (s.2); a person is unable to decide if they cannot understand, retain,
use or weigh the information, or communicate their decision (s.3), because of an impairment
of, or a disturbance in the functioning of, the mind or brain (s.2(1)); what is decided for
someone who lacks capacity is decided in their best interests (s.4).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class DecisionMakerQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "DecisionMakerQuerySet":
        return self.filter(person_scope(user, via="person"))

    def current(self) -> "DecisionMakerQuerySet":
        return self.filter(ended_on__isnull=True)


class DecisionMaker(SavedBy, models.Model):
    """Someone the law lets decide for the person: an attorney under a lasting power of
    attorney the person made, or a deputy the Court of Protection appointed."""

    class Kind(models.TextChoices):
        LPA_HEALTH_AND_WELFARE = (
            "lpa_health_and_welfare",
            "Lasting power of attorney for health and welfare",
        )
        LPA_PROPERTY_AND_FINANCIAL = (
            "lpa_property_and_financial",
            "Lasting power of attorney for property and financial affairs",
        )
        DEPUTY_PERSONAL_WELFARE = "deputy_personal_welfare", "Deputy for personal welfare"
        DEPUTY_PROPERTY_AND_FINANCIAL = (
            "deputy_property_and_financial",
            "Deputy for property and financial affairs",
        )

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="decision_makers")
    kind = models.CharField("what they hold", max_length=40, choices=Kind.choices)
    holder_name = models.CharField("who holds it", max_length=150)
    holder_contact = models.TextField("how to contact them", max_length=500, blank=True)
    since = models.DateField("since")
    checked = models.CharField(
        "has it been checked", max_length=3, choices=YesNo.choices, blank=True
    )
    check_note = models.TextField("how it was checked", max_length=500, blank=True)
    ended_on = models.DateField("ended on", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = DecisionMakerQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-since", "pk"]
        indexes = [models.Index(fields=["person", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.holder_name}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def end(self, *, on, by: User) -> None:
        """From `on`, they no longer decide for the person (revoked, or the order ended)."""
        self.ended_on = on
        self.save_by(by, update_fields=["ended_on"])


class Ability(models.TextChoices):
    ABLE = "able", "Yes, they can"
    UNABLE = "unable", "No, they cannot"


class Outcome(models.TextChoices):
    HAS_CAPACITY = "has_capacity", "Has capacity for this decision"
    LACKS_CAPACITY = "lacks_capacity", "Lacks capacity for this decision"


# The four things a person must be able to do to make a decision (s.3(1)), in the Act's order.
FUNCTIONAL = ["understands", "retains", "uses_or_weighs", "communicates"]
BEST_INTERESTS = ["best_interests_decision", "consulted", "wishes_and_feelings"]

NO_IMPAIRMENT = (
    "They lack capacity only if there is an impairment of, or a disturbance in the "
    "functioning of, the mind or brain: answer yes to that question, or change the outcome"
)
NOTHING_UNABLE = (
    "They lack capacity only if they cannot do at least one of the four things: answer no "
    "to one of them, or change the outcome"
)
ANSWERS_SAY_UNABLE = (
    "The answers say they cannot make the decision: there is an impairment or disturbance "
    "of the mind or brain, and they cannot do at least one of the four things. Check the "
    "answers, or change the outcome"
)


class CapacityAssessmentQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "CapacityAssessmentQuerySet":
        return self.filter(person_scope(user, via="person"))


class CapacityAssessment(SavedBy, models.Model):
    """A note that the person's capacity to make one decision was assessed, and, when they
    lack it, the decision made in their best interests."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="capacity_assessments"
    )
    decision = models.TextField("the decision", max_length=1000)
    assessed_on = models.DateField("date assessed", default=timezone.localdate)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    impairment = models.CharField(
        "impairment of, or disturbance in the functioning of, the mind or brain",
        max_length=3,
        choices=YesNo.choices,
    )
    understands = models.CharField(
        "able to understand the information relevant to the decision",
        max_length=6,
        choices=Ability.choices,
    )
    understands_note = models.TextField("what was seen: understanding", max_length=2000, blank=True)
    retains = models.CharField(
        "able to retain that information", max_length=6, choices=Ability.choices
    )
    retains_note = models.TextField("what was seen: retaining", max_length=2000, blank=True)
    uses_or_weighs = models.CharField(
        "able to use or weigh that information as part of the process of making the decision",
        max_length=6,
        choices=Ability.choices,
    )
    uses_or_weighs_note = models.TextField(
        "what was seen: using or weighing", max_length=2000, blank=True
    )
    communicates = models.CharField(
        "able to communicate their decision", max_length=6, choices=Ability.choices
    )
    communicates_note = models.TextField(
        "what was seen: communicating", max_length=2000, blank=True
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    best_interests_decision = models.TextField(
        "the decision made in their best interests", max_length=5000, blank=True
    )
    consulted = models.TextField("who was consulted", max_length=2000, blank=True)
    wishes_and_feelings = models.TextField(
        "their own wishes and feelings", max_length=5000, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    objects = CapacityAssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["person", "-assessed_on"])]

    def __str__(self) -> str:
        return f"Capacity assessment of {self.assessed_on:%-d %B %Y}"

    @property
    def lacks_capacity(self) -> bool:
        return self.outcome == Outcome.LACKS_CAPACITY

    def unable_to(self) -> list[str]:
        """The functional questions answered "unable"."""
        return [name for name in FUNCTIONAL if getattr(self, name) == Ability.UNABLE]

    def outcome_problems(self) -> list[str]:
        """Why the outcome does not follow from the answers (s.2(1) and s.3(1)), if it does
        not: a lack of capacity needs an impairment or disturbance and something the person
        cannot do; capacity is not what answers showing both say."""
        impaired = self.impairment == YesNo.YES
        if self.outcome == Outcome.LACKS_CAPACITY:
            problems = [] if impaired else [NO_IMPAIRMENT]
            return problems + ([] if self.unable_to() else [NOTHING_UNABLE])
        if self.outcome == Outcome.HAS_CAPACITY and impaired and self.unable_to():
            return [ANSWERS_SAY_UNABLE]
        return []
