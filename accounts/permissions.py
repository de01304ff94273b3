"""The view decorators that admit a role's permission and refuse everyone else with 403: one
of each, for every app's views (which record a view may show is decided in access.py)."""

from django.contrib.auth.decorators import permission_required

works_with_people = permission_required("accounts.work_with_people", raise_exception=True)
reviews_records = permission_required("accounts.review_records", raise_exception=True)
manages_directory = permission_required("accounts.manage_directory", raise_exception=True)
manages_accounts = permission_required("accounts.manage_accounts", raise_exception=True)
governs_information = permission_required("accounts.govern_information", raise_exception=True)
audits_record_quality = permission_required("accounts.audit_record_quality", raise_exception=True)
