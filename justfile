# Shortcuts for those who have `just`; each recipe is a `cargo xtask` command, which
# works without it.

# Serve the product (API + web app, SQLite with demo data) on http://127.0.0.1:8080
run *ARGS:
    cargo xtask run {{ARGS}}

# Run every check and test, on SQLite and PostgreSQL
test:
    cargo xtask test

# The browser tests: the web app in headless Chromium against the real server
e2e:
    cargo xtask e2e

# Build the web app (WASM) into web/dist
build-web:
    cargo xtask build-web

# Regenerate openapi.yaml from the code
openapi:
    cargo xtask openapi

# Measure the streaming export: 10 000 and 1 000 000 rows, CSV and NDJSON, on a
# fresh release server (add --postgres for PostgreSQL too)
bench *ARGS:
    cargo xtask bench {{ARGS}}
