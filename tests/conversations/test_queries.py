from django.urls import reverse

from conversations.models import Action
from tests.factories import ConversationFactory


def add_conversations(person, practitioner, how_many: int) -> None:
    for _ in range(how_many):
        conversation = ConversationFactory(person=person, practitioner=practitioner)
        Action.objects.create(
            conversation=conversation, what="Ring", who="person", due="2026-11-01"
        )


def test_the_person_page_and_home_do_not_grow_with_conversations(
    client, practitioner, person, count_queries
):
    client.force_login(practitioner)
    pages = [reverse("overview:person", args=[person.code]), reverse("home")]
    add_conversations(person, practitioner, 2)
    with_two = [count_queries(client, url) for url in pages]
    add_conversations(person, practitioner, 20)
    assert [count_queries(client, url) for url in pages] == with_two


def test_the_record_pages_do_not_grow_with_actions(client, practitioner, person, count_queries):
    client.force_login(practitioner)
    conversation = ConversationFactory(person=person, practitioner=practitioner)
    pages = [
        reverse("conversations:check", args=[conversation.code]),
        reverse("conversations:detail", args=[conversation.code]),
        reverse("conversations:tasks", args=[conversation.code]),
    ]
    Action.objects.create(conversation=conversation, what="Ring", who="person")
    with_one = [count_queries(client, url) for url in pages]
    for _ in range(15):
        Action.objects.create(conversation=conversation, what="Ring", who="person")
    assert [count_queries(client, url) for url in pages] == with_one
