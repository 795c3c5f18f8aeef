"""Where files live, as the code sees it: `storages[...]` (settings.STORAGES), nothing else.

The disk and an S3-compatible object store are configuration (DJANGO_FILE_STORAGE), so the
code never asks for a local path; it saves, opens, deletes and checks through a storage. The
two behave the same except in how they fail, which this module gathers in one place."""

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible

# What a storage raises when it cannot be reached or refuses for a while: the disk raises
# OSError, S3 raises botocore's errors (a connection that fails, a 500 or 503 "slow down").
# A task that meets one tries again later instead of failing the job.
UNAVAILABLE = (OSError, BotoCoreError, ClientError)


def is_missing(exc: Exception) -> bool:
    """Whether `exc` says the file is not there. S3 answers 403 instead of 404 for a missing
    object when the key may not list the bucket, so that counts as missing too."""
    if isinstance(exc, FileNotFoundError):
        return True
    if isinstance(exc, ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        code = exc.response.get("Error", {}).get("Code", "")
        return status in (403, 404) or code in ("NoSuchKey", "404", "AccessDenied")
    return False


@deconstructible
class StorageAlias(Storage):
    """The storage named `alias` in settings.STORAGES, looked up on every call.

    A FileField evaluates its storage callable once, when the model class is built; returning
    `storages["private"]` there would pin the backend the process started with. This stand-in
    asks `storages` each time, so the field follows the setting: a test that overrides
    STORAGES (Django then forgets its storage instances) puts the field's files in the new
    place too."""

    def __init__(self, alias: str):
        self.alias = alias

    @property
    def backend(self) -> Storage:
        return storages[self.alias]

    # No path(): Storage's own refuses, on every backend, so that no code comes to rely on a
    # file being on this machine (tests/core/test_no_local_files.py).

    def __getattr__(self, name):
        # Only for what Storage itself lacks (a backend's own options, e.g. `location`).
        if name == "alias":  # not set yet: being unpickled
            raise AttributeError(name)
        return getattr(self.backend, name)

    def open(self, name, mode="rb"):
        return self.backend.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend.save(name, content, max_length=max_length)

    def get_valid_name(self, name):
        return self.backend.get_valid_name(name)

    def get_alternative_name(self, file_root, file_ext):
        return self.backend.get_alternative_name(file_root, file_ext)

    def get_available_name(self, name, max_length=None):
        return self.backend.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.backend.generate_filename(filename)

    def delete(self, name):
        return self.backend.delete(name)

    def exists(self, name):
        return self.backend.exists(name)

    def listdir(self, path):
        return self.backend.listdir(path)

    def size(self, name):
        return self.backend.size(name)

    def url(self, name):
        return self.backend.url(name)

    def get_accessed_time(self, name):
        return self.backend.get_accessed_time(name)

    def get_created_time(self, name):
        return self.backend.get_created_time(name)

    def get_modified_time(self, name):
        return self.backend.get_modified_time(name)


def private_storage() -> Storage:
    """For `FileField(storage=private_storage)`: files no URL serves, handed out only by views
    that check permission (leerkring.core.downloads)."""
    return StorageAlias("private")
