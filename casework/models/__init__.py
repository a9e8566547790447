"""Casework models, one module per area; every model lives in each centre's own schema."""

from .aid import AidEligibility, AidReceipt, AidRound, BenefitApplication
from .assessment import AidScheme, AidThreshold, Assessment, AssessmentIncome, KeaRule
from .cases import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    ContactNote,
    Need,
    PathwayGoal,
    PathwayPlan,
    PathwayStep,
    ReceptionContact,
    Topic,
)
from .imports import ImportJob, ImportKind, ImportMapping
from .people import (
    Answer,
    Citizenship,
    Education,
    EmploymentStatus,
    Gender,
    Household,
    HouseholdMember,
    Housing,
    Minority,
    ParticipantRecord,
    Person,
    PersonMerge,
    Vulnerability,
)
from .records import AccessLog, Document
from .referrals import (
    Consent,
    DataCategory,
    IncomingReferral,
    Referral,
    ReferralEvent,
    Urgency,
    category_labels,
    centre_label,
)
from .sites import Room, Site

__all__ = [
    "AccessLog", "AidEligibility", "AidReceipt", "AidRound", "AidScheme", "AidThreshold", "Answer", "Assessment",
    "AssessmentIncome", "BenefitApplication", "Case", "CaseEvent", "CaseNumberSequence", "Citizenship",
    "Consent", "ContactNote", "DataCategory", "Document", "IncomingReferral", "Referral", "ReferralEvent", "Urgency",
    "category_labels", "centre_label",
    "Education", "EmploymentStatus", "Gender", "Household", "HouseholdMember", "Housing", "ImportJob", "ImportKind",
    "ImportMapping", "KeaRule", "Minority",
    "Need", "ParticipantRecord", "PathwayGoal", "PathwayPlan", "PathwayStep", "Person", "PersonMerge",
    "ReceptionContact", "Room",
    "Site",
    "Topic",
    "Vulnerability",
]
