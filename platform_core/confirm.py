"""Destructive actions ask first. The action's own form posts as before; without ``confirmed`` the
view answers with a page that says what will happen and posts the same fields again, with
``confirmed`` (and any field the confirmation itself asks for, such as a centre's slug typed)."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED) == "yes"


def confirmation_page(request: HttpRequest, *, title: str, consequences: list[str], submit: str, cancel_url: str,
                      form: forms.Form | None = None, status: int = 200) -> HttpResponse:
    """The page asking to confirm the POST being answered: ``consequences`` say what will happen;
    the posted fields travel on as hidden inputs (but those of ``form``, shown for the user to
    fill)."""
    own = set(form.fields) if form is not None else set()
    carried = [(name, value) for name, values in request.POST.lists() if name not in _NOT_CARRIED | own
               for value in values]
    return render(request, "platform_core/confirm.html", {
        "title": title, "consequences": consequences, "submit": submit, "cancel_url": cancel_url, "form": form,
        "carried": carried, "confirmed_name": CONFIRMED,
    }, status=status)
