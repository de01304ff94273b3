"""The Adult Social Care Client Level Data (CLD) return: its columns, in order, and the words
(the "codes") each column may hold, as far as they could be found; and how this record's
answers map to them.

What was found, and where (looked up in September 2026; no value here is from memory):

- The collection: local authorities in England send NHS England (through Arden & GEM CSU)
  one file of events a quarter, under the Collection of Client Level Adult Social Care Data
  (No. 3) Directions 2023; Release 1 of the specification is valid from 1 April 2023
  (https://digital.nhs.uk/data-and-information/data-collections-and-data-sets/data-sets/
  adult-social-care-client-level-data; https://www.ardengemcsu.nhs.uk/
  adult-social-care-client-level-data/; https://standards.nhs.uk/future-standards/
  adult-social-care-client-level-data-cld). A Release 2 exists, with a mapping from
  Release 1 (cld-data-specification_release_2_mapping_may_2025_update.xlsx on
  ardengemcsu.nhs.uk, named in public code); the specification documents themselves could
  not be read here.
- The columns and their order: an authority's view over its CLD file (public code), which
  names every column of Release 1 in the specification's order, after LA_Code; DHSC's own
  pipeline reads the same names for Release 2 (github.com/DataS-DHSC/ASC-CLD-LA-Dashboard,
  Main_tables/stored_procedures/create_GetDerivedFields_procedure.sql). The names are
  written with underscores, as DHSC's code writes them.
- Which columns are mandatory for which event type: DHSC's data quality checks
  (ASC-CLD-LA-Dashboard, Stored_procedures/create_GetDQValues_procedure.sql): mandatory for
  every row are LA_Code, the reporting period, NHS_Number, LA_Person_Unique_Identifier,
  Gender, Ethnicity, Date_of_Birth, Client_Type, Postcode, Accommodation_Status,
  Has_Unpaid_Carer, Event_Type, Event_Start_Date, Event_Outcome; Primary_Support_Reason for
  every event but a request; Event_End_Date for every event but a service (and for a
  service when the person has died); Request_Route_of_Access for requests; Assessment_Type
  and Method_of_Assessment for assessments; Service_Type and Service_Component for
  services; Review_Reason and Method_of_Review for reviews, Review_Outcomes_Achieved for a
  planned review.
- Which events a quarter holds (CLD Guidance, Release 1, February 2023, quoted in the ASC
  glossary, marketingteam125.wixsite.com/ascglossary): requests, assessments and reviews
  completed in the period; services active at any point in it (started before its end and
  not ended before its start); nothing cancelled. "Initial conversations in a three
  conversations model should be recorded as requests if they are the first contact, or as
  assessments if they are recorded separately." An assessment that decides eligibility
  under the Care Act is a long term assessment; a proportional or conversation assessment
  that does not is a short term one.
- Reporting periods: quarters of the financial year, April to June being Q1 (DHSC's
  calendar in ASC-CLD-LA-Dashboard, LA_dashboard/7.Dimension_tables.sql).
- Words found in full, Release 2 (DHSC's published cleaning, ASC-CLD-LA-Dashboard,
  Main_tables/docs/methodology/3-data-cleaning.md): Ethnicity, Event_Outcome, Service_Type;
  and, from DHSC's measures code, Assessment_Type ("Long term assessment", "Short term
  assessment") and Client_Type ("Service user", "Unpaid carer"). DHSC maps Release 1 words
  to Release 2 on receipt, so the Release 1 words below are taken too.
- Words found, Release 1 (CLD Guidance, February 2023, as the ASC glossary quotes it):
  Event_Type, Request_Route_of_Access, Review_Reason, Review_Outcomes_Achieved,
  Method_of_Review.
- Primary_Support_Reason: the categories as Interweave's code system built on the CLD
  return words them (public code, Interweave-SocialCareSupportReason); DHSC's checks use
  "Learning Disability Support" in the same words.
- Gender: the only list found is the pilot specification's (Male, Female, Other, Unknown:
  "the gender the individual considers themselves to be", Discovery Data Service wiki,
  Social Care FHIR Store Mappings). Check it against the current specification.

What could not be found, and is left blank (never guessed): the words of
Method_of_Assessment, Eligible_Needs_Identified, Has_Unpaid_Carer, Accommodation_Status,
Employment_Status, Client_Funding_Status, Service_Component, Delivery_Mechanism and the cost
columns. Some of these the record does not hold at all either (where the person lives, their
funding, the kind of service and its cost). The date format is not stated in what was found:
dates are written as YYYY-MM-DD, the form DHSC's code compares them in.
"""

from demographics.models import Ethnicity, PrimarySupportReason, SameGender, Sex

# The columns of the file, in the specification's order.
COLUMNS = [
    "LA_Code",
    "Reporting_Period_Start_Date",
    "Reporting_Period_End_Date",
    "NHS_Number",
    "LA_Person_Unique_Identifier",
    "First_Name",
    "Last_Name",
    "GP_Practice_Name",
    "GP_Practice_Code",
    "Gender",
    "Ethnicity",
    "Date_of_Birth",
    "Date_of_Death",
    "Client_Type",
    "Primary_Support_Reason",
    "Postcode",
    "Accommodation_Status",
    "Employment_Status",
    "Has_Unpaid_Carer",
    "Autism_Spectrum_Disorder_ASD",
    "Visual_Impairment",
    "Hearing_Impairment",
    "Dementia",
    "Client_Funding_Status",
    "Event_Type",
    "Event_Reference",
    "Event_Start_Date",
    "Event_End_Date",
    "Event_Description",
    "Event_Outcome",
    "Request_Route_of_Access",
    "Assessment_Type",
    "Eligible_Needs_Identified",
    "Method_of_Assessment",
    "Total_Hrs_Caring_per_week",
    "No_of_adults_being_cared_for",
    "Adult_1_Linked_Person_ID",
    "Adult_2_Linked_Person_ID",
    "Adult_3_Linked_Person_ID",
    "Service_Type",
    "Service_Component",
    "Delivery_Mechanism",
    "Provider_CQC_Location_Name",
    "Provider_CQC_Location_ID",
    "Review_Reason",
    "Review_Outcomes_Achieved",
    "Method_of_Review",
    "Unit_Cost",
    "Cost_Frequency_Unit_Type",
    "Planned_units_per_week",
]

# Columns the record does not hold, or whose words could not be found: always blank.
NOT_HELD = [
    "GP_Practice_Name",
    "GP_Practice_Code",
    "Accommodation_Status",
    "Employment_Status",
    "Has_Unpaid_Carer",
    "Autism_Spectrum_Disorder_ASD",
    "Visual_Impairment",
    "Hearing_Impairment",
    "Dementia",
    "Client_Funding_Status",
    "Event_Description",
    "Eligible_Needs_Identified",
    "Method_of_Assessment",
    "Total_Hrs_Caring_per_week",
    "Service_Component",
    "Delivery_Mechanism",
    "Provider_CQC_Location_Name",
    "Provider_CQC_Location_ID",
    "Review_Outcomes_Achieved",
    "Unit_Cost",
    "Cost_Frequency_Unit_Type",
    "Planned_units_per_week",
]


class EventType:
    REQUEST = "Request"
    ASSESSMENT = "Assessment"
    SERVICE = "Service"
    REVIEW = "Review"


EVENT_TYPES = [EventType.REQUEST, EventType.ASSESSMENT, EventType.SERVICE, EventType.REVIEW]


class ClientType:
    SERVICE_USER = "Service user"
    UNPAID_CARER = "Unpaid carer"


class AssessmentType:
    LONG_TERM = "Long term assessment"
    SHORT_TERM = "Short term assessment"


class Outcome:
    """Event_Outcome, Release 2 (DHSC's `Event_Outcome_Spec`): those this record can say."""

    TO_ASSESSMENT = "Progress to assessment, review or reassessment"
    TO_SUPPORT_PLANNING = "Progress to support planning or services"
    CONTINUATION = "Continuation of support or services"
    MOVED = "NFA: Responsibility moved to another local authority"
    SIGNPOSTING = "NFA: Information and advice or signposting"
    DECLINED = "NFA: Support declined"
    DECEASED = "NFA: Deceased"
    ENDED_AS_PLANNED = "NFA: Support ended as planned"
    ENDED_OTHER = "NFA: Support ended for other reason"
    NO_SERVICES = "NFA: No services offered for other reason"
    OTHER = "NFA: Other"


# Service_Type, Release 2. A plan does not say where its support is given (at home, or in a
# care home): it is returned as support in the community, and the page says so.
LONG_TERM_COMMUNITY = "Long term support: Community"
UNPAID_CARER_DIRECT = "Unpaid carer support: Direct to unpaid carer"

# Request_Route_of_Access, Release 1. The record does not hold how a request came: the
# guidance's default where it is not captured, "Community / Other route", is returned.
ROUTE_COMMUNITY_OTHER = "Community / Other route"

# Review_Reason and Method_of_Review, Release 1.
REVIEW_PLANNED = "Planned"
REVIEW_UNPLANNED_OTHER = "Unplanned - Other Reason"
METHOD_SERVICE_USER_ONLY = "Service user only"

ETHNICITY: dict[str, str] = {
    **{choice.value: choice.label for choice in Ethnicity},
    Ethnicity.NOT_KNOWN: "No data: Undeclared or not known",
    Ethnicity.PREFERS_NOT_TO_SAY: "No data: Refused",
}

PRIMARY_SUPPORT_REASON: dict[str, str] = {
    PrimarySupportReason.PHYSICAL_ACCESS_MOBILITY: "Physical Support: Access & mobility only",
    PrimarySupportReason.PHYSICAL_PERSONAL_CARE: "Physical Support: Personal care support",
    PrimarySupportReason.SENSORY_VISUAL: "Sensory Support: Support for visual impairment",
    PrimarySupportReason.SENSORY_HEARING: "Sensory Support: Support for hearing impairment",
    PrimarySupportReason.SENSORY_DUAL: "Sensory Support: Support for dual impairment",
    PrimarySupportReason.MEMORY_COGNITION: "Support with Memory and Cognition",
    PrimarySupportReason.LEARNING_DISABILITY: "Learning Disability Support",
    PrimarySupportReason.MENTAL_HEALTH: "Mental Health Support",
    PrimarySupportReason.SOCIAL_SUBSTANCE_MISUSE: "Social Support: Substance misuse support",
    PrimarySupportReason.SOCIAL_ASYLUM_SEEKER: "Social Support: Asylum seeker support",
    PrimarySupportReason.SOCIAL_ISOLATION_OTHER: (
        "Social Support: Support for Social Isolation/Other"
    ),
    PrimarySupportReason.NOT_KNOWN: "PSR Not Known",
    PrimarySupportReason.PREFERS_NOT_TO_SAY: "PSR Not Known",
}

GENDER_MALE, GENDER_FEMALE, GENDER_OTHER, GENDER_UNKNOWN = "Male", "Female", "Other", "Unknown"
# The words, in their own term for their gender, that say plainly they are a woman or a man.
WOMAN = {"woman", "female", "trans woman", "transgender woman", "trans female"}
MAN = {"man", "male", "trans man", "transgender man", "trans male"}


def gender(sex: str, same_as_sex: str, identity: str) -> str:
    """The return's Gender, "the gender the individual considers themselves to be", from the
    census's two questions; "" when neither was ever answered.

    Their gender is their sex registered at birth when they said it is the same (or said
    nothing of it, or it is not known); when it is not the same, their own term decides,
    and any term but woman or man is "Other". Prefers not to say is "Unknown"."""
    by_sex: dict[str, str] = {Sex.FEMALE: GENDER_FEMALE, Sex.MALE: GENDER_MALE}
    if not sex and not same_as_sex:
        return ""
    if same_as_sex == SameGender.PREFERS_NOT_TO_SAY:
        return GENDER_UNKNOWN
    if same_as_sex == SameGender.NO:
        term = " ".join(identity.casefold().split())
        return GENDER_FEMALE if term in WOMAN else GENDER_MALE if term in MAN else GENDER_OTHER
    return by_sex.get(sex, GENDER_UNKNOWN)
