"""Staff-account pages: login and password (on every host), and the centre's staff directory."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from platform_core.forms import add_service_errors

from . import services
from .forms import FirstLoginForm, StaffCreateForm, StaffRoleForm
from .models import ApiToken
from .selectors import staff_list, tokens_of
from .throttling import LOCKED_OUT_MESSAGE


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change (old password, the validators), through the service that also
    revokes the account's API tokens; this session goes on under the new password, the others end."""

    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        services.account_password_change(user=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


def lockout_response(request, original_response=None, credentials=None):
    """django-axes lockout: JSON 429 for the API, a page for people."""
    message = LOCKED_OUT_MESSAGE
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "login_locked_out"}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)


@login_required
def first_login_view(request):
    """An onboarded coordinator's first page: their name and a password of their own. Saving
    keeps them signed in (the session follows the new password) and opens the home page."""
    user = request.user
    if not user.must_complete_setup:
        return redirect("home")
    form = FirstLoginForm(request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name})
    if request.method == "POST" and form.is_valid():
        try:
            services.account_complete_setup(user=user, first_name=form.cleaned_data["first_name"],
                                            last_name=form.cleaned_data["last_name"],
                                            password=form.cleaned_data["password"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Ο λογαριασμός σας είναι έτοιμος."))
            return redirect("home")
    return render(request, "accounts/first_login.html", {"form": form, "title": _("Πρώτη σύνδεση")},
                  status=400 if form.is_bound and form.errors else 200)


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def staff_list_view(request):
    return render(request, "accounts/staff_list.html", {"staff": staff_list(), "title": _("Προσωπικό")})


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def staff_detail_view(request, pk):
    member = get_object_or_404(staff_list(), pk=pk)
    return render(request, "accounts/staff_detail.html", {
        "member": member, "role_form": StaffRoleForm(initial={"role": member.role}), "title": member.get_full_name(),
    })


@login_required
@permission_required("accounts.manage_staff", raise_exception=True)
def staff_create_view(request):
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.staff_create(**form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ο λογαριασμός δημιουργήθηκε."))
            return redirect("accounts:staff-detail", pk=member.pk)
    return render(request, "accounts/staff_form.html", {"form": form, "title": _("Νέο μέλος προσωπικού")})


@login_required
@permission_required("accounts.manage_staff", raise_exception=True)
@require_POST
def staff_role_view(request, pk):
    member = get_object_or_404(staff_list(), pk=pk)
    form = StaffRoleForm(request.POST)
    if form.is_valid():
        try:
            services.staff_set_role(user=member, role=form.cleaned_data["role"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Ο ρόλος άλλαξε."))
    return redirect("accounts:staff-detail", pk=member.pk)


@login_required
@permission_required("accounts.manage_staff", raise_exception=True)
@require_POST
def staff_active_view(request, pk):
    member = get_object_or_404(staff_list(), pk=pk)
    try:
        services.staff_set_active(user=member, active=request.POST.get("active") == "1", by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:staff-detail", pk=member.pk)


@login_required
def own_tokens_view(request):
    """The signed-in account's live API tokens (label, first characters, issued, expires)."""
    return render(request, "accounts/own_tokens.html", {"tokens": tokens_of(user=request.user),
                                                        "title": _("Κλειδιά API")})


@login_required
@require_POST
def own_token_revoke_view(request, pk):
    try:
        services.token_revoke(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("Το κλειδί ανακλήθηκε."))
    return redirect("own-tokens")


@login_required
@permission_required("accounts.manage_staff", raise_exception=True)
@require_POST
def staff_sign_out_view(request, pk):
    """«Αποσύνδεση παντού»: every session of the member ends and every API token is revoked."""
    member = get_object_or_404(staff_list(), pk=pk)
    services.account_sign_out_everywhere(user=member)
    if member == request.user:
        return redirect("login")
    messages.success(request, _("Ο λογαριασμός αποσυνδέθηκε από παντού."))
    return redirect("accounts:staff-detail", pk=member.pk)
