"""Centre staff propose a new directory entry or a correction from their own host; an editor
(operator or region user) approves or rejects it with a reason on the public host; the proposer
sees the outcome. A proposal holds directory facts and who proposed it, nothing about a person."""

import pytest
from django.core.exceptions import ValidationError

from partners.models import DirectoryProposal, Organization
from partners.services import proposal_approve, proposal_create, proposal_reject
from platform_core.accounts.roles import Role


def _propose(world, **facts) -> DirectoryProposal:
    return proposal_create(kind="new", facts={"organization_name": "Σύλλογος Γονέων Δοκιμών", **facts},
                           centre_slug=world.centre.slug, staff=world.users[Role.SOCIAL_WORKER])


def test_staff_propose_a_new_entry_from_their_host(directory, world_a):
    response = world_a.client(Role.SOCIAL_WORKER).post("/partners/propose/", {
        "kind": "new", "organization_name": "Σύλλογος Γονέων Δοκιμών", "service_name": "Ομάδα γονέων"})

    proposal = DirectoryProposal.objects.get(facts__organization_name="Σύλλογος Γονέων Δοκιμών")
    assert response.status_code == 302
    assert proposal.proposer_centre == "alpha" and proposal.status == "pending"
    assert proposal.proposer_staff_id == world_a.users[Role.SOCIAL_WORKER].pk


def test_a_proposal_keeps_only_directory_facts(directory, world_a):
    proposal = _propose(world_a, first_name="Μαρία", amka="01017012345", service_name="Ομάδα γονέων")

    assert set(proposal.facts) == {"organization_name", "service_name"}


def test_an_operator_approves_and_the_directory_has_the_entry(directory, world_a, public_world):
    proposal = _propose(world_a, service_name="Ομάδα γονέων")

    response = public_world.client(public_world.operator).post(f"/partners/proposals/{proposal.pk}/decide/",
                                                               {"decision": "approve"})

    organization = Organization.objects.get(name="Σύλλογος Γονέων Δοκιμών")
    assert response.status_code == 302
    assert [service.name for service in organization.services.all()] == ["Ομάδα γονέων"]
    assert not organization.is_stale


def test_a_region_user_rejects_with_a_reason_and_the_proposer_sees_it(directory, world_a, public_world):
    proposal = _propose(world_a)

    public_world.client(public_world.region_user).post(f"/partners/proposals/{proposal.pk}/decide/",
                                                       {"decision": "reject", "reason": "Υπάρχει ήδη."})

    page = world_a.client(Role.SOCIAL_WORKER).get("/partners/proposals/").content.decode()
    assert "Απορρίφθηκε" in page and "Υπάρχει ήδη." in page


def test_rejecting_needs_a_reason(directory, world_a, public_world):
    with pytest.raises(ValidationError):
        proposal_reject(proposal=_propose(world_a), by=public_world.operator, reason=" ")


def test_a_decided_proposal_cannot_be_decided_again(directory, world_a, public_world):
    proposal = proposal_approve(proposal=_propose(world_a), by=public_world.operator)

    with pytest.raises(ValidationError):
        proposal_reject(proposal=proposal, by=public_world.operator, reason="Όχι")


def test_another_centre_does_not_see_the_proposal(directory, world_a, world_b):
    proposal = _propose(world_a)

    assert world_b.client().get(f"/partners/proposals/{proposal.pk}/").status_code == 404


def test_centre_staff_cannot_decide_proposals(directory, world_a):
    proposal = _propose(world_a)

    world_a.client().post(f"/partners/proposals/{proposal.pk}/decide/", {"decision": "approve"})

    proposal.refresh_from_db()
    assert proposal.status == "pending"
