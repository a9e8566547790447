"""The shared service directory (public schema), HSDS 3.0 shaped, and staff proposals to it."""

from .directory import (
    FRESHNESS,
    WEEKDAYS,
    Contact,
    Location,
    Organization,
    Phone,
    ReferralMethod,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    is_stale,
)
from .proposals import DirectoryProposal

__all__ = ["FRESHNESS", "WEEKDAYS", "Contact", "DirectoryProposal", "Location", "Organization", "Phone",
           "ReferralMethod", "Schedule", "Service", "ServiceArea", "ServiceAtLocation", "Taxonomy", "TaxonomyTerm",
           "is_stale"]
