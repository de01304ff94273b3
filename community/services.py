"""Writes to the community directory and to people's connections with it. Each records
who acted, in one transaction."""

from typing import TypeVar

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from people.models import Person

from .models import Category, CommunityResource, Connection, Feed, Feedback, OpeningTime, Place


@transaction.atomic
def resource_save(
    *, resource: CommunityResource, categories: list[Category], by: User
) -> CommunityResource:
    """Saves a resource added or changed (checked by `CommunityResourceForm`) with its
    categories. A resource an administrator has just entered counts as checked today."""
    if resource.pk is None and resource.last_verified is None:
        resource.last_verified = timezone.localdate()
    resource.save_with_categories(categories, by=by)
    return resource


# A line a resource holds several of, that its own pages change: a line of its opening
# times, or another place it runs at.
ResourceLine = TypeVar("ResourceLine", OpeningTime, Place)


@transaction.atomic
def resource_line_add(*, line: ResourceLine, resource: CommunityResource, by: User) -> ResourceLine:
    """Adds a line (checked by its form: `OpeningTimeForm`, `PlaceForm`) to the resource; the
    resource's history records who changed it."""
    line.resource = resource
    line.save()
    resource.save_by(by)
    return line


@transaction.atomic
def resource_line_remove(*, line: OpeningTime | Place, by: User) -> None:
    """Takes a line out of its resource; the resource's history records who."""
    line.delete()
    line.resource.save_by(by)


@transaction.atomic
def connection_create(
    *, connection: Connection, person: Person, resource: CommunityResource, by: User
) -> Connection:
    """Connects a person to a resource, as `ConnectionForm` checked; the view fetched the
    person through the user's scope."""
    connection.person = person
    connection.resource = resource
    connection.created_by = by
    connection.save_by(by)
    return connection


@transaction.atomic
def connection_update(*, connection: Connection, by: User) -> Connection:
    """Saves a change (checked by `ConnectionForm`) to a connection."""
    connection.save_by(by)
    return connection


@transaction.atomic
def feedback_give(*, feedback: Feedback, resource: CommunityResource, by: User) -> Feedback:
    """Records what a practitioner says of a resource (checked by `FeedbackForm`)."""
    feedback.resource = resource
    feedback.given_by = by
    feedback.given_at = timezone.now()
    feedback.save()
    return feedback


@transaction.atomic
def feedback_resolve(*, resource: CommunityResource, by: User) -> int:
    """Resolves everything reported of the resource that waits for review; how many."""
    return (
        Feedback.objects.to_review()
        .filter(resource=resource)
        .update(resolved_by=by, resolved_at=timezone.now())
    )


@transaction.atomic
def feed_save(*, url: str, refresh_daily: bool, by: User) -> Feed:
    """Records a feed as read now, and whether to read it again every day. Whoever reads it
    last is who the daily reading acts as."""
    feed, _ = Feed.objects.update_or_create(
        url=url,
        defaults={"refresh_daily": refresh_daily, "added_by": by, "last_read_at": timezone.now()},
    )
    return feed
