"""A partner system's workflow through the client generated from openapi.yaml.

`cargo xtask client` generates the package `zorgpact_client` with openapi-python-client,
installs it, starts a server on a fresh database with the demo data and runs this
script against it: python workflow.py http://127.0.0.1:PORT

The partner (the demo dashboard of Twente) gets a token by client credentials, pushes
a value for a period the demo data has no values for, and reads the national roll-up
back: Twente must now be among the reporting regions and the national sum must have
grown by the pushed value. Every call goes through the generated package's typed
operations; any failure exits non-zero with a message saying which step broke.
"""

import sys

from zorgpact_client import AuthenticatedClient, Client
from zorgpact_client.api.analytics import get_indicator_national
from zorgpact_client.api.auth import issue_token
from zorgpact_client.api.indicators import bulk_indicator_values
from zorgpact_client.models import (
    BulkIndicatorValuesRequest,
    BulkWriteResponse,
    IndicatorValueItem,
    NationalPoint,
    NationalResponse,
    TokenRequest,
    TokenResponse,
)

# README.md: the demo partner system may push Twente's indicator values.
CLIENT_ID = "demo-dashboard-twente"
CLIENT_SECRET = "demo-partner-2026"
REGION = "twente"
# A yearly indicator summed over the regions; the demo data has values up to 2024.
INDICATOR = "internship_places"
PERIOD = "2025"
VALUE = 1234.0
SOURCE = "partner-client-e2e"


class WorkflowError(Exception):
    pass


def expect(response, wanted_type, step):
    """The parsed body of a successful response, or a WorkflowError naming the step."""
    parsed = response.parsed
    if not isinstance(parsed, wanted_type):
        detail = getattr(parsed, "detail", None) or response.content.decode(errors="replace")[:500]
        raise WorkflowError(f"{step}: HTTP {int(response.status_code)}: {detail}")
    return parsed


def national_point(client, step):
    """The national figure of PERIOD, or None when no region reported for it."""
    response = get_indicator_national.sync_detailed(INDICATOR, client=client, from_=PERIOD, to=PERIOD)
    national = expect(response, NationalResponse, step)
    points = [p for p in national.points if p.period == PERIOD]
    return points[0] if points else None


def main(base_url):
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    # from_dict reads the wire values, whether the contract types grant_type as a
    # string or as an enum.
    credentials = TokenRequest.from_dict(
        {"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET}
    )
    token = expect(
        issue_token.sync_detailed(client=anonymous, body=credentials),
        TokenResponse,
        "token by client credentials",
    )
    print(f"token for {CLIENT_ID}: {token.token_type}, expires in {token.expires_in}s")
    partner = AuthenticatedClient(base_url=base_url, token=token.access_token, raise_on_unexpected_status=True)

    before = national_point(partner, "national roll-up before the push")
    if before is not None and REGION not in before.coverage.missing:
        raise WorkflowError(f"{INDICATOR} {PERIOD} already has a value of {REGION}: pick another period")
    before_sum = before.value if before is not None and before.value is not None else 0.0
    before_reported = before.coverage.reported if before is not None else 0

    push = BulkIndicatorValuesRequest(
        items=[IndicatorValueItem(indicator=INDICATOR, region=REGION, period=PERIOD, value=VALUE, source=SOURCE)]
    )
    written = expect(
        bulk_indicator_values.sync_detailed(client=partner, body=push, idempotency_key="partner-client-e2e-1"),
        BulkWriteResponse,
        "bulk push of values",
    )
    if written.created != 1:
        raise WorkflowError(f"bulk push: expected 1 created value, got {written.to_dict()}")
    print(f"pushed {INDICATOR} {REGION} {PERIOD} = {VALUE}: {written.to_dict()}")

    after = national_point(partner, "national roll-up after the push")
    if not isinstance(after, NationalPoint):
        raise WorkflowError(f"national roll-up of {INDICATOR} has no point for {PERIOD} after the push")
    if REGION in after.coverage.missing:
        raise WorkflowError(f"{REGION} is still missing from the national {PERIOD}: {after.coverage.to_dict()}")
    if after.coverage.reported != before_reported + 1:
        raise WorkflowError(
            f"reporting regions {before_reported} -> {after.coverage.reported}, expected one more"
        )
    if after.value is None or abs(after.value - (before_sum + VALUE)) > 1e-9:
        raise WorkflowError(f"national sum {before_sum} -> {after.value}, expected {before_sum + VALUE}")
    if SOURCE not in after.sources:
        raise WorkflowError(f"source {SOURCE!r} not among the national sources {after.sources}")
    print(
        f"national {INDICATOR} {PERIOD}: {before.value if before is not None else 'no figure'} -> {after.value}, "
        f"{after.coverage.reported} of {after.coverage.expected} regions reporting"
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python workflow.py BASE_URL")
    try:
        main(sys.argv[1])
    except WorkflowError as error:
        sys.exit(f"partner workflow FAILED: {error}")
    except Exception as error:  # the generated client's own errors: unexpected status, parse errors
        sys.exit(f"partner workflow FAILED: {type(error).__name__}: {error}")
    print("partner workflow: ok")
