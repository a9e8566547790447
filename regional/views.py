"""Region console (public host): the region's centres; aggregated indicators come from rollups."""

from django.shortcuts import render

from platform_core.permissions import region_of, region_user_required
from tenants.selectors import centre_list


@region_user_required
def console(request):
    region = region_of(request.user)
    return render(request, "regional/console.html", {
        "region": region, "centres": centre_list(region=region), "title": region.name,
    })
