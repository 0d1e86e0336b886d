# Shortcuts for those who have `just`; each recipe is a `cargo xtask` command, which
# works without it.

# Serve the product (API + web app, SQLite with demo data) on http://127.0.0.1:8080
run *ARGS:
    cargo xtask run {{ARGS}}

# Run every check and test, on SQLite and PostgreSQL
test:
    cargo xtask test

# Build the web app (WASM) into web/dist
build-web:
    cargo xtask build-web

# Regenerate openapi.yaml from the code
openapi:
    cargo xtask openapi
