from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.staff_list_view, name="staff-list"),
    path("new/", views.staff_create_view, name="staff-create"),
    path("<uuid:pk>/", views.staff_detail_view, name="staff-detail"),
    path("<uuid:pk>/role/", views.staff_role_view, name="staff-role"),
    path("<uuid:pk>/active/", views.staff_active_view, name="staff-active"),
    path("<uuid:pk>/sign-out/", views.staff_sign_out_view, name="staff-sign-out"),
]
