"""Finding a person from anywhere: the header's search and the person pickers' results, both as
you type (htmx posts the query: names and numbers stay out of URLs and access logs)."""

import re

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from casework.forms.pickers import QUERY_SUFFIX, picker_results_context, uuid_text
from casework.selectors.people import person_pick_candidates

FIELD_NAME = re.compile(r"^[a-z_]{1,40}$")


@login_required
@permission_required("casework.view_person", raise_exception=True)
@require_POST
def person_search_view(request):
    """The header search's results: links to the people found."""
    query = request.POST.get("q", "").strip()[:100]
    return render(request, "casework/_person_search_results.html", {
        "query": query, "people": person_pick_candidates(query=query)})


@login_required
@permission_required("casework.view_person", raise_exception=True)
@require_POST
def person_pick_view(request):
    """A picker's choices for what was typed in it (the form's own fields come with the post)."""
    field = request.POST.get("field", "")
    if not FIELD_NAME.match(field):
        field = "person"
    query = request.POST.get(field + QUERY_SUFFIX, "").strip()[:100]
    return render(request, "casework/widgets/person_picker_results.html", picker_results_context(
        field=field, query=query, selected_id=uuid_text(request.POST.get(field))))


urlpatterns = [
    path("people/search/", person_search_view, name="person-search"),
    path("people/pick/", person_pick_view, name="person-pick"),
]
