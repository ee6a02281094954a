"""The company page's section on the representatives' personal links (listed in nextwork/portal/panels.py)."""

from django.db.models import Count, Q
from django.utils import timezone

from nextwork.core.panels import Panel


def representative_links_context(request, company) -> dict:
    now = timezone.now()
    return {"link_representatives": list(company.representatives.annotate(
        working_links=Count("links", filter=Q(links__revoked_at=None, links__expires_at__gt=now))))}


REPRESENTATIVE_LINKS = Panel("companies/_representative_links.html", representative_links_context,
                             "representative_link.manage")
