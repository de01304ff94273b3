"""What the government's returns need to know of a person: their ethnicity, sex and gender
as the Office for National Statistics words its 2021 Census questions, and their primary
support reason as the adult social care returns categorise it.

This is special category data (UK GDPR art. 9): each answer is optional, and each offers
"Not known" and "Prefers not to say". Values are stored as short codes; the Client Level Data
return maps them to its own words (client_level_data/specification.py).

Sources (looked up, not remembered):
- Sex: ONS 2021 Census, "What is your sex?" with the options "Female" and "Male"
  (ons.gov.uk, "Sex and gender census questions", freedom of information answer).
- Gender identity: ONS 2021 Census question 27, "Is the gender you identify with the same as
  your sex registered at birth?", Yes or No, and if No, "the term you use to describe your
  gender", voluntary (census.gov.uk, help for question 27).
- Ethnicity: the 2021 Census categories for England and Wales as the Client Level Data
  return words them (DHSC's published CLD code, DataS-DHSC/ASC-CLD-LA-Dashboard,
  Main_tables/docs/methodology/3-data-cleaning.md, `Ethnicity_Cleaned`).
- Primary support reason: the SALT and Client Level Data categories as Interweave's code
  system built on them lists them (Interweave-SocialCareSupportReason).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.access import person_scope
from accounts.models import User
from history.models import SavedBy
from people.models import Person

NOT_KNOWN = "not_known"
PREFERS_NOT_TO_SAY = "prefers_not_to_say"


class Ethnicity(models.TextChoices):
    """Each option in the return's words: the broad group, a colon, the category."""

    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: Any other Asian background"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = (
        "black_other",
        "Black, Black British, Caribbean or African: "
        "Any other Black, Black British or Caribbean background",
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        "Mixed or multiple ethnic groups: White and Black African",
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    MIXED_OTHER = (
        "mixed_other",
        "Mixed or multiple ethnic groups: Any other Mixed or multiple ethnic background",
    )
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: Any other White background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: Any other ethnic group"
    NOT_KNOWN = NOT_KNOWN, "Not known"
    PREFERS_NOT_TO_SAY = PREFERS_NOT_TO_SAY, "Prefers not to say"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    NOT_KNOWN = NOT_KNOWN, "Not known"
    PREFERS_NOT_TO_SAY = PREFERS_NOT_TO_SAY, "Prefers not to say"


class SameGender(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_KNOWN = NOT_KNOWN, "Not known"
    PREFERS_NOT_TO_SAY = PREFERS_NOT_TO_SAY, "Prefers not to say"


class PrimarySupportReason(models.TextChoices):
    PHYSICAL_ACCESS_MOBILITY = (
        "physical_access_mobility",
        "Physical support: access and mobility only",
    )
    PHYSICAL_PERSONAL_CARE = "physical_personal_care", "Physical support: personal care support"
    SENSORY_VISUAL = "sensory_visual", "Sensory support: support for visual impairment"
    SENSORY_HEARING = "sensory_hearing", "Sensory support: support for hearing impairment"
    SENSORY_DUAL = "sensory_dual", "Sensory support: support for dual impairment"
    MEMORY_COGNITION = "memory_cognition", "Support with memory and cognition"
    LEARNING_DISABILITY = "learning_disability", "Learning disability support"
    MENTAL_HEALTH = "mental_health", "Mental health support"
    SOCIAL_SUBSTANCE_MISUSE = "social_substance_misuse", "Social support: substance misuse support"
    SOCIAL_ASYLUM_SEEKER = "social_asylum_seeker", "Social support: asylum seeker support"
    SOCIAL_ISOLATION_OTHER = (
        "social_isolation_other",
        "Social support: support for social isolation or other",
    )
    NOT_KNOWN = NOT_KNOWN, "Not known"
    PREFERS_NOT_TO_SAY = PREFERS_NOT_TO_SAY, "Prefers not to say"


class DemographicsQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> "DemographicsQuerySet":
        return self.filter(person_scope(user, via="person"))


class Demographics(SavedBy, models.Model):
    """One person's answers for the returns. Blank means not asked or not recorded yet."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="demographics")
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, blank=True)
    sex = models.CharField("sex", max_length=20, choices=Sex.choices, blank=True)
    gender_same_as_sex = models.CharField(
        "gender the same as their sex registered at birth",
        max_length=20,
        choices=SameGender.choices,
        blank=True,
    )
    # Only when their gender is not the same as their sex registered at birth: their words.
    gender_identity = models.CharField(
        "the term they use to describe their gender", max_length=100, blank=True
    )
    primary_support_reason = models.CharField(
        max_length=40, choices=PrimarySupportReason.choices, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = DemographicsQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "demographics"

    def __str__(self) -> str:
        return f"Ethnicity, sex, gender and support reason of {self.person}"
