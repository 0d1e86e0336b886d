"""Hooks for the schemathesis run of `cargo xtask schemathesis` (and `test`).

Two things a real client does that generated data cannot:

* **A fresh Idempotency-Key per request.** The values schemathesis generates for
  that header repeat across cases ("0", "", ...), so the server rightly refuses
  most of them as a key reused with another body (422, as the Idempotency-Key
  draft says). Reusing a key is tested by the API's own suite.
* **References to stored records.** Some operations take codes and ids that must
  name stored records, or rules between fields that a schema cannot state (an
  official has a ministry, a coordinator a region; a value fits its indicator's
  unit and period type; a duplicate names another stored ticket). Random strings
  never get past those checks, so the fuzzer would only ever see the refusal.
  For *positive* cases (data valid per the schema) of those operations, the
  references are pointed at records read from the server at start, as a client
  would; the rest of each case stays as generated. Negative cases are sent as
  generated, so the refusals stay covered.

The server's URL and an admin token come from the environment
(`ZORGPACT_API_URL`, `ZORGPACT_TOKEN`), set by `xtask/src/schemathesis.rs`.
With `ZORGPACT_HOOKS_DEBUG=1` each steered case is printed with its response: the
way to see why an operation still "mostly rejects generated data".
"""

import functools
import itertools
import json
import os
import threading
import urllib.error
import urllib.request
import uuid

import jsonschema_rs
import schemathesis
from schemathesis import GenerationMode

API = os.environ.get("ZORGPACT_API_URL", "")
TOKEN = os.environ.get("ZORGPACT_TOKEN", "")


def _api(method, path, body=None, headers=None):
    request = urllib.request.Request(
        f"{API}/api/v1{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        content = response.read()
        return json.loads(content) if content else None


def _all(path):
    """Every item of a paginated list."""
    items, cursor = [], None
    while True:
        page = _api("GET", path + (f"&cursor={cursor}" if cursor else ""))
        items += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return items


class Stored:
    """What the server holds, read once: region codes, writable indicators, ticket
    ids, and a webhook subscription made for the run."""

    def __init__(self):
        self.regions = [r["code"] for r in _all("/regions?limit=200")]
        # A derived indicator's figures are computed, never written.
        self.indicators = [
            (i["code"], i["period_type"], i["unit"])
            for i in _all("/indicators?limit=200")
            if not i.get("formula")
        ]
        self.tickets = [t["id"] for t in _all("/barrier-tickets?limit=200")]
        self.officials = {
            u["ministry"]: u["id"] for u in _all("/users?limit=200") if u["role"] == "official" and u["active"]
        }
        self.factsheets = [f["id"] for f in _all("/factsheets?limit=200") if f["status"] == "published"]
        self.subscription = _api(
            "POST",
            "/webhook-subscriptions",
            {
                "url": "https://hooks.example.org/zorgpact",
                "event_types": ["action.created"],
                "description": "schemathesis",
            },
        )["id"]
        # `xtask schemathesis` runs once per role on one server: each run takes
        # its own stretch of fresh points and locks, clear of the runs before.
        run = int(os.environ.get("ZORGPACT_SCHEMATHESIS_RUN", "0"))
        self._points = itertools.count(run * 10_000)
        self._locks = itertools.count(run * 400)
        self._lock = threading.Lock()

    def fresh_point(self):
        """An (indicator, region, period, unit) nobody has written yet, so a new
        point needs no If-Match: periods of the 20th century (the first year taken
        is 1900), before any stored figure; after about 53 000 points they repeat."""
        with self._lock:
            n = next(self._points)
        code, period_type, unit = self.indicators[n % len(self.indicators)]
        region = self.regions[(n // len(self.indicators)) % len(self.regions)]
        year = 1900 + (n // (len(self.indicators) * len(self.regions))) % 100
        period = {
            "year": f"{year}",
            "quarter": f"{year}-Q{n % 4 + 1}",
            "month": f"{year}-{n % 12 + 1:02}",
        }[period_type]
        return code, region, period, unit

    def fresh_lock(self):
        """A lock on one quarter of one indicator, after any stored figure and clear
        of the periods `fresh_point` writes, for a case to delete. The runs of all
        roles share one database, and only the admin's delete their locks: a quarter
        an earlier run locked (409) is taken as it stands."""
        with self._lock:
            n = next(self._locks)
        quarterly = [code for code, period_type, _ in self.indicators if period_type == "quarter"]
        year = 2030 + (n // (4 * len(quarterly))) % 70
        lock = {"period": f"{year}-Q{n % 4 + 1}", "indicator": quarterly[(n // 4) % len(quarterly)]}
        try:
            return _api("POST", "/period-locks", lock)["id"]
        except urllib.error.HTTPError as error:
            if error.code != 409:
                raise
        for stored_lock in _all("/period-locks?limit=200"):
            if stored_lock["period"] == lock["period"] and stored_lock["indicator"] == lock["indicator"]:
                return stored_lock["id"]
        raise RuntimeError(f"{lock} is locked by a wider lock")

    def fresh_ticket(self):
        """A newly filed ticket: a step from `submitted` is then always offered."""
        return _api(
            "POST",
            "/barrier-tickets",
            {
                "region_code": "twente",
                "title": "Fuzz-ticket",
                "description": "Gemaakt door de schemathesis-run.",
                "category": "funding",
            },
        )["id"]

    def fresh_archived_action(self):
        """A newly made action, archived: restoring it is then always possible."""
        action = _api(
            "POST",
            "/actions",
            {
                "region_code": "twente",
                "title": "Fuzz-actie",
                "description": "Gemaakt door de schemathesis-run.",
                "action_line": "work",
                "themes": [],
                "status": "planned",
                "progress": 0,
                "owner": "schemathesis",
                "partner_ids": [],
                "indicators": [],
            },
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        _api("DELETE", f"/actions/{action['id']}", headers={"If-Match": "*"})
        return action["id"]


@functools.cache
def stored():
    return Stored()


def _fit(value, unit):
    """A generated number made to fit the unit: not negative, a percentage ≤ 100."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return value
    value = abs(value)
    return value % 100 if unit == "percent" else value


def _one_point(case):
    code, region, period, unit = stored().fresh_point()
    case.path_parameters.update(indicator=code, region=region, period=period)
    if isinstance(case.body, dict) and "value" in case.body:
        case.body["value"] = _fit(case.body["value"], unit)
    _drop_header(case, "if-match")


# Positive bulk bodies are cut to this many items: enough to exercise the batch,
# few enough that the fresh points last the run. (Large batches stay covered by
# the API suite's 10 000-item upload.)
BULK_ITEMS = 50


def _bulk(case):
    if not isinstance(case.body, dict) or not isinstance(case.body.get("items"), list):
        return
    del case.body["items"][BULK_ITEMS:]
    for item in case.body["items"]:
        if isinstance(item, dict):
            code, region, period, unit = stored().fresh_point()
            item.update(indicator=code, region=region, period=period)
            if "value" in item:
                item["value"] = _fit(item["value"], unit)


def _duplicate_of(case):
    tickets = stored().tickets
    n = abs(hash(json.dumps(case.body, sort_keys=True, default=str)))
    ticket = tickets[n % len(tickets)]
    original = tickets[(n // len(tickets)) % len(tickets)]
    if original == ticket:
        original = tickets[(tickets.index(ticket) + 1) % len(tickets)]
    case.path_parameters["id"] = ticket
    if isinstance(case.body, dict):
        case.body["original"] = original
    _drop_header(case, "if-match")


def _transition(case):
    """A step offered from `submitted` on a fresh ticket: triage to a ministry's
    official, or rejection; the generated note is kept."""
    body = case.body if isinstance(case.body, dict) else {}
    step = {"note": body.get("note")}
    if body.get("to") == "rejected" or not stored().officials:
        step.update(to="rejected", reason=body.get("reason") or "Buiten de reikwijdte van het programma.")
    else:
        ministry = body.get("ministry") if body.get("ministry") in stored().officials else "OCW"
        step.update(to="triaged", ministry=ministry, official=stored().officials[ministry])
    case.path_parameters["id"] = stored().fresh_ticket()
    case.body = step
    _drop_header(case, "if-match")


def _factsheet_version(case):
    factsheets = stored().factsheets
    case.path_parameters["id"] = factsheets[abs(hash(str(case.path_parameters))) % len(factsheets)]
    case.path_parameters["number"] = 1


def _unlock(case):
    case.path_parameters["id"] = stored().fresh_lock()


def _restore(case):
    case.path_parameters["id"] = stored().fresh_archived_action()
    _drop_header(case, "if-match")
    case.headers = {**(case.headers or {}), "If-Match": "*"}


def _deliveries(case):
    case.path_parameters["id"] = stored().subscription


def _regions_for(picked):
    """Generated region strings mapped onto stored codes, none twice."""
    regions = stored().regions
    return list(dict.fromkeys(regions[abs(hash(r)) % len(regions)] for r in picked))


def _new_user(case):
    body = case.body
    if not isinstance(body, dict):
        return
    role = body.get("role")
    if role == "partner":
        body["role"] = role = "analyst"
    if role == "official":
        body["ministry"] = body.get("ministry") or "OCW"
        body["regions"] = []
    elif role == "coordinator":
        body.pop("ministry", None)
        body["regions"] = _regions_for(body.get("regions") or ["twente"])
    else:
        body.pop("ministry", None)
        body.pop("regions", None)
    # A unique login name: the generated ones collide (409) or use address forms
    # (quoted, IP literals) that the server does not take as a login.
    body["email"] = f"fuzz-{uuid.uuid4().hex[:12]}@example.org"


def _new_partner_client(case):
    body = case.body
    if not isinstance(body, dict):
        return
    scopes = body.get("scopes") if isinstance(body.get("scopes"), list) else []
    body["scopes"] = list(dict.fromkeys(scopes))
    regions = body.get("regions") if isinstance(body.get("regions"), list) else []
    # A credential that may write is bound to at least one region.
    if not regions and any(str(scope).endswith(":write") for scope in scopes):
        regions = ["twente"]
    body["regions"] = _regions_for(regions)
    # A unique client id: the generated ones repeat (409).
    body["client_id"] = f"fuzz-{uuid.uuid4().hex[:12]}"


STEERING = {
    "PUT /api/v1/indicator-values/{indicator}/{region}/{period}": _one_point,
    "PUT /api/v1/indicator-targets/{indicator}/{region}/{period}": _one_point,
    "POST /api/v1/indicator-values/bulk": _bulk,
    "POST /api/v1/indicator-targets/bulk": _bulk,
    "PUT /api/v1/barrier-tickets/{id}/duplicate-of": _duplicate_of,
    "GET /api/v1/webhook-subscriptions/{id}/deliveries": _deliveries,
    "POST /api/v1/barrier-tickets/{id}/transitions": _transition,
    "DELETE /api/v1/period-locks/{id}": _unlock,
    "POST /api/v1/actions/{id}/restore": _restore,
    "GET /api/v1/factsheets/{id}/versions/{number}": _factsheet_version,
    "POST /api/v1/users": _new_user,
    "POST /api/v1/partner-clients": _new_partner_client,
}


def _drop_header(case, name):
    for header in list(case.headers or {}):
        if header.lower() == name:
            del case.headers[header]


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = str(uuid.uuid4())
    steer = STEERING.get(case.operation.label)
    if steer and case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE:
        steer(case)


# The NDJSON export: one object per line, each matching the schema the document
# gives for the media type. schemathesis checks one document per response, so the
# deserializer hands it the first line, and `ndjson_lines_conform` checks them all.
NDJSON = "application/x-ndjson"


def _lines(response):
    return [json.loads(line) for line in response.content.decode().splitlines() if line.strip()]


@schemathesis.deserializer(NDJSON)
def first_ndjson_line(ctx, response):
    lines = _lines(response)
    if not lines:
        raise NotImplementedError("no rows: nothing to validate")
    return lines[0]


@schemathesis.check
def ndjson_lines_conform(ctx, response, case):
    if not response.headers.get("content-type", [""])[0].startswith(NDJSON) or response.status_code != 200:
        return None
    document = case.operation.schema.raw_schema
    line_schema = dict(
        document["paths"][case.operation.path][case.operation.method.lower()]["responses"]["200"]["content"][NDJSON][
            "schema"
        ]
    )
    line_schema["components"] = document["components"]
    validator = jsonschema_rs.validator_for(line_schema)
    for number, line in enumerate(_lines(response), start=1):
        errors = [error.message for error in validator.iter_errors(line)]
        if errors:
            raise AssertionError(f"NDJSON line {number} does not match its schema: {'; '.join(errors)}")
    return None


if os.environ.get("ZORGPACT_HOOKS_DEBUG"):

    @schemathesis.hook
    def after_call(ctx, case, response):
        if case.operation.label in STEERING and case.meta.generation.mode == GenerationMode.POSITIVE:
            print("DEBUG", case.operation.label, case.path_parameters, json.dumps(case.body, default=str)[:300], response.status_code, response.content[:300])
