import pytest

from leerkring.core.models import WorkerHeartbeat
from leerkring.core.tasks import heartbeat_record
from tests.conftest import wait_for

pytestmark = pytest.mark.worker


def test_a_task_sent_through_redis_is_run_by_the_real_worker(celery_worker, client):
    assert not WorkerHeartbeat.objects.exists()

    result = heartbeat_record.delay()

    # Not eager: the task went to Redis and another process wrote the row.
    assert result.__class__.__name__ == "AsyncResult"
    heartbeat = wait_for(lambda: WorkerHeartbeat.objects.first())
    assert heartbeat.hostname.startswith("test-")
    health = client.get("/health/").json()
    assert health["worker"]["hostname"] == heartbeat.hostname
