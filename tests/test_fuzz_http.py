"""A fuzz of the whole HTTP surface (hypothesis): no answer is a 5xx, and the store's integrity check
passes after. bench/fuzz_http.py runs the same for 10,000 requests and prints the status histogram."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from review_fixtures import PASSWORDS, build_store, make_app

from review import accounts
from review.store import connect
from samples.http_fuzz import Fuzzer, Request, api_operations, integrity, requests, target_of


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory):
    db = build_store(tmp_path_factory.mktemp("fuzz"))
    app = make_app(db, WORKER=False, TESTING=False)
    token = accounts.new_token(connect(db), "rita")
    fuzzer = Fuzzer(app, PASSWORDS, reviewer="remy", admin="ada", token=token)
    yield db, app, fuzzer
    app.extensions["digitize_worker"].stop()


def test_openapi_describes_every_api_route(fuzzed) -> None:
    _, app, _ = fuzzed
    described = {(rule, method) for rule, method, _ in api_operations()}
    served = {(r.rule, m) for r in app.url_map.iter_rules() if r.rule.startswith("/api/")
              for m in r.methods - {"HEAD", "OPTIONS"}}  # fmt: skip
    assert described == served


def test_no_request_gets_a_5xx(fuzzed) -> None:
    db, app, fuzzer = fuzzed
    strategy = requests(app, target_of(db))

    @settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(req: Request) -> None:
        status = fuzzer.run(req)
        assert status < 500, req

    one()
    assert sum(fuzzer.statuses.values()) >= 400
    assert integrity(db) == "ok"
    assert len([s for s in fuzzer.statuses if 200 <= s < 300]) > 0  # some requests reached the views
