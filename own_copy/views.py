from uuid import UUID

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from accounts.requests import AuthenticatedHttpRequest
from conversations.views import get_conversation_for_user
from people.models import Person
from people.views import get_person_for_user

from .letters import Letter, decision_letter, plan_letter
from .pdf import PdfUnavailable, pdf_from_html
from .selectors import Copy, persons_copy

TEMPLATE = "own_copy/copy.html"


@login_required
@require_GET
def copy(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """The person's own copy, from their signed-off records, to print or send."""
    person = get_person_for_user(request, code)
    url = reverse("own_copy:copy_pdf", kwargs={"code": person.code})
    return _page(request, persons_copy(person), url)


@login_required
@require_GET
def copy_pdf(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    person = get_person_for_user(request, code)
    return _pdf(request, persons_copy(person))


@login_required
@require_GET
def draft(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    """One record not yet signed off, as the person's copy would show it, marked as a draft
    on every page: for reading it back with them."""
    conversation = get_conversation_for_user(request, code)
    if conversation.is_signed_off:
        return redirect("own_copy:copy", code=conversation.person.code)
    url = reverse("own_copy:draft_pdf", kwargs={"code": conversation.code})
    return _page(request, persons_copy(conversation.person, draft=conversation), url)


@login_required
@require_GET
def draft_pdf(request: AuthenticatedHttpRequest, code: UUID) -> HttpResponse:
    conversation = get_conversation_for_user(request, code)
    if conversation.is_signed_off:
        return redirect("own_copy:copy_pdf", code=conversation.person.code)
    return _pdf(request, persons_copy(conversation.person, draft=conversation))


LETTERS = {"decision": decision_letter, "plan": plan_letter}


def _letter_of(request: AuthenticatedHttpRequest, code: UUID, kind: str) -> Letter:
    conversation = get_conversation_for_user(request, code)
    letter = LETTERS[kind](conversation)
    if letter is None:
        raise Http404("This record has no such letter")
    return letter


@login_required
@require_GET
def letter(request: AuthenticatedHttpRequest, code: UUID, kind: str) -> HttpResponse:
    """A letter to the person about a decision a record holds, to print or send: a draft
    until the record is signed off."""
    letter = _letter_of(request, code, kind)
    if letter.person.has_died:
        return _after_death(request, letter.person)
    url = reverse(f"own_copy:{kind}_letter_pdf", kwargs={"code": code})
    context = {"letter": letter, "person": letter.person, "pdf_url": url, "large": _large(request)}
    return render(request, "own_copy/letter.html", context)


@login_required
@require_GET
def letter_pdf(request: AuthenticatedHttpRequest, code: UUID, kind: str) -> HttpResponse:
    letter = _letter_of(request, code, kind)
    if letter.person.has_died:
        return _after_death(request, letter.person)
    context = {"letter": letter, "person": letter.person, "pdf": True, "large": _large(request)}
    html = render_to_string("own_copy/letter.html", context, request)
    name = slugify(letter.person.display_name) or "person"
    draft = "draft-" if letter.draft else ""
    return _pdf_response(request, html, letter.person, f"{draft}{kind}-letter-{name}.pdf")


def _after_death(request: AuthenticatedHttpRequest, person: Person) -> HttpResponse:
    """Letters stop when a person dies: the page says so, instead of the letter."""
    return render(request, "own_copy/no_letter.html", {"person": person})


def _large(request: AuthenticatedHttpRequest) -> bool:
    return request.GET.get("print") == "large"


def _context(request: AuthenticatedHttpRequest, copy: Copy) -> dict:
    return {
        "copy": copy,
        "person": copy.person,
        "large": _large(request),
        "complaints": settings.COUNCIL_COMPLAINTS,
        "privacy_notice": settings.COUNCIL_PRIVACY_NOTICE,
    }


def _page(request: AuthenticatedHttpRequest, copy: Copy, pdf_url: str) -> HttpResponse:
    return render(request, TEMPLATE, {**_context(request, copy), "pdf_url": pdf_url})


def _pdf(request: AuthenticatedHttpRequest, copy: Copy) -> HttpResponse:
    html = render_to_string(TEMPLATE, {**_context(request, copy), "pdf": True}, request)
    return _pdf_response(request, html, copy.person, _file_name(copy))


def _pdf_response(
    request: AuthenticatedHttpRequest, html: str, person, file_name: str
) -> HttpResponse:
    try:
        pdf = pdf_from_html(html)
    except PdfUnavailable as unavailable:
        context = {"person": person, "why": str(unavailable)}
        return render(request, "own_copy/no_pdf.html", context, status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _file_name(copy: Copy) -> str:
    name = slugify(copy.person.display_name) or "record"
    kind = "draft" if copy.draft else "what-matters-to-me"
    return f"{kind}-{name}-{copy.made_on:%Y-%m-%d}.pdf"
