"""Files through settings.STORAGES, on the disk and on the S3-compatible server alike: where a
field's file lands, names that never replace one another, and downloads that stream through
Django with our own headers and a 404 for a file that is gone."""

from pathlib import Path

import pytest
from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from leerkring.core.models import ExportJob
from leerkring.core.storage import is_missing
from tests.factories import ExportJobFactory, UserFactory
from tests.objectstore import bucket_keys
from tests.support import files_in

CSV = "\ufeffNaam;Aantal\r\nFatima;3\r\n".encode()


@pytest.fixture
def ready_export(db, file_storage):
    """A ready export with its file, on each place files can live."""
    user = UserFactory()
    job = ExportJobFactory(user=user, filename="leden.csv")
    job.file.save(f"exports/{user.pk}/{job.pk}/leden.csv", ContentFile(CSV), save=False)
    job.status = ExportJob.Status.READY
    job.save()
    return job


def test_a_fields_file_goes_where_the_setting_says(file_storage, request, ready_export):
    name = ready_export.file.name
    on_disk = (Path(settings.PRIVATE_MEDIA_ROOT) / name).exists()
    if file_storage == "s3":
        bucket = request.getfixturevalue("s3_bucket")
        assert f"private/{name}" in bucket_keys(bucket)
        assert not on_disk
    else:
        assert on_disk
    stored = ExportJob.objects.get(pk=ready_export.pk).file
    assert stored.size == len(CSV)
    assert stored.storage.exists(name) and storages["private"].size(name) == len(CSV)
    assert files_in(str(Path(name).parent)) == ["leden.csv"]


def test_a_second_file_of_the_same_name_never_replaces_the_first(ready_export):
    storage = storages["private"]
    first = ready_export.file.name
    second = storage.save(first, ContentFile(b"een ander bestand"))
    assert second != first and second.startswith(first.removesuffix(".csv"))
    with storage.open(first, "rb") as handle:
        assert handle.read() == CSV
    assert len(files_in(str(Path(first).parent))) == 2


def test_a_download_streams_with_our_name_length_and_cache_control(client, ready_export):
    client.force_login(ready_export.user)
    response = client.get(f"/exports/{ready_export.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == CSV
    assert response["Content-Length"] == str(len(CSV))
    assert response["Content-Disposition"] == 'attachment; filename="leden.csv"'
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_larger_than_memory_allows_streams_whole(client, ready_export):
    """Past S3's in-memory limit (settings: max_memory_size) the file is read via a temporary
    file; the download is the same."""
    big = CSV + b"Mark;1\r\n" * 400_000  # 3.2 MB
    storages["private"].delete(ready_export.file.name)
    assert (
        storages["private"].save(ready_export.file.name, ContentFile(big)) == ready_export.file.name
    )
    client.force_login(ready_export.user)
    response = client.get(f"/exports/{ready_export.pk}/download/")
    assert response["Content-Length"] == str(len(big))
    assert b"".join(response.streaming_content) == big


def test_a_file_gone_from_the_storage_is_a_404_not_an_error(client, ready_export):
    storages["private"].delete(ready_export.file.name)
    assert not storages["private"].exists(ready_export.file.name)
    client.force_login(ready_export.user)
    assert client.get(f"/exports/{ready_export.pk}/download/").status_code == 404
    # Deleting it again (a retention run after a manual clean-up) is no error either.
    storages["private"].delete(ready_export.file.name)


@pytest.mark.parametrize(
    ("status", "code", "missing"),
    [(404, "404", True), (403, "403", True), (500, "InternalError", False)],
)
def test_what_counts_as_a_missing_file_on_s3(status, code, missing):
    """A HEAD of a missing object answers 403 when the key may not list the bucket."""
    error = ClientError(
        {"Error": {"Code": code}, "ResponseMetadata": {"HTTPStatusCode": status}}, "HeadObject"
    )
    assert is_missing(error) is missing
    assert is_missing(FileNotFoundError()) and not is_missing(PermissionError())
