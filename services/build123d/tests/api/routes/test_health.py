from tests.conftest import BOX, Render, metric


def test_when_the_service_runs_then_healthz_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_when_the_pool_is_warm_then_readyz_is_200_and_names_the_sandbox_layers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["job_slots"] == 4
    assert body["zygote_threads"] == 1
    assert set(body["sandbox"]) == {
        "unprivileged_uid",
        "user_namespace",
        "network_namespace",
        "disk_cap",
        "landlock_abi",
        "seccomp",
    }


def test_when_jobs_ran_then_metrics_count_them_by_outcome(client, render: Render):
    before = client.get("/metrics").text
    assert render(BOX, formats=["stl"]).status_code == 200
    assert render("root_part = 1\n").status_code == 422
    after = client.get("/metrics").text
    assert (
        metric(after, 'build123d_jobs_total{outcome="ok"}') == metric(before, 'build123d_jobs_total{outcome="ok"}') + 1
    )
    assert (
        metric(after, 'build123d_jobs_total{outcome="no_result"}')
        == metric(before, 'build123d_jobs_total{outcome="no_result"}') + 1
    )
    assert metric(after, 'build123d_job_duration_seconds_count{phase="total"}') >= 2
    for name in (
        "build123d_queue_depth",
        "build123d_jobs_running",
        "build123d_zygote_up",
        "build123d_zygote_restarts_total",
    ):
        assert f"# TYPE {name.removesuffix('_total')}" in after


def test_when_a_route_does_not_exist_then_the_error_has_the_shared_shape(client):
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found"
