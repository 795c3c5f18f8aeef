"""My settings (issue 18): what a person receives and in which language.

One page (views.PreferencesView at /account/instellingen/) holds everything a person chooses
about the e-mails they get: reminders of meetings (on or off, and how many days before), e-mail
about comments on their cases and other news for them, the weekly digest, and their language.
The language is also stored when a logged-in person uses the language switch in the header
(views.set_language), and it is the language of every e-mail to them (core.mail).

The services here write those choices; the reminder, digest and mail code read them from the
user's row."""

from django.conf import settings

from ..models import User

FIELDS = ("reminders", "reminder_days", "email_notifications", "weekly_digest", "language")


def language_supported(language: str) -> bool:
    return language in dict(settings.LANGUAGES)


def preferences_update(
    *,
    user: User,
    reminders: bool,
    reminder_days: int | None,
    email_notifications: bool,
    weekly_digest: bool,
    language: str,
) -> User:
    """Store a person's choices from My settings. A language the site does not offer keeps
    the one stored."""
    user.reminders = reminders
    user.reminder_days = reminder_days
    user.email_notifications = email_notifications
    user.weekly_digest = weekly_digest
    if language_supported(language):
        user.language = language
    user.save(update_fields=list(FIELDS))
    return user


def language_store(*, user: User, language: str) -> bool:
    """Remember the language a logged-in person chose with the header's switch. Returns
    whether it changed."""
    if not language_supported(language) or user.language == language:
        return False
    user.language = language
    user.save(update_fields=["language"])
    return True
