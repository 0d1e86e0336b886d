"""Hooks for the schemathesis run of `cargo xtask schemathesis` (and `test`).

A client sends a fresh Idempotency-Key with every distinct request; the values
schemathesis generates for that header repeat across cases ("0", "", ...), so
the server rightly refuses most of them as a key reused with another body (422,
as the Idempotency-Key draft says) and the fuzzer never gets past that check.
Each request here gets a unique key instead, as a real client's would. Reusing
a key is tested by the API's own suite (`a_retried_..._once` tests).
"""

import uuid

import schemathesis


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = str(uuid.uuid4())
