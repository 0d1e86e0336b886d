//! `zorgpact`: the server binary. `zorgpact serve` (the default) runs the API and
//! the web app; `migrate`, `seed`, `openapi`, `backup`, `restore`, `copy` and
//! `verify-audit` are operator tasks (the last four in `operator.rs`).

use std::io::Write;
use std::net::TcpListener;

use anyhow::Context;
use zorgpact_api::config::Config;
use zorgpact_api::{AppState, openapi, operator, startup, webhooks};
use zorgpact_db::{Database, run_migrations, seed};

mod allocator;

const USAGE: &str = "usage: zorgpact [serve|migrate|seed|openapi|backup|restore|copy|verify-audit|help]

  serve             run the API and the web app (default)
  migrate           apply pending database migrations and exit
  seed              load the demo data (idempotent) and exit
  openapi           print the OpenAPI document (YAML) and exit
  backup FILE       write a consistent backup (an SQLite file) while the server runs
  restore FILE      load a backup into the configured database, which must be empty
  copy --to URL     copy the configured database into an empty one (e.g. postgres://...)
  verify-audit      check the audit trail's hash chain; exit code 1 at the first break

Configuration by environment variables: see README.md.";

fn main() -> anyhow::Result<()> {
    // Logs go to stderr; stdout carries only what scripts read (the listening line).
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,actix_server=warn".into()),
        )
        .init();
    // Before any other thread starts (the subscriber starts none).
    allocator::tune();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().cloned().unwrap_or_else(|| "serve".into());
    if let Some(outcome) = operator::run(&command, args.get(1..).unwrap_or_default()) {
        let outcome = outcome?;
        emit(&outcome.text)?;
        std::process::exit(if outcome.success { 0 } else { 1 });
    }
    match command.as_str() {
        "serve" => serve(Config::from_env()?),
        "migrate" => {
            let config = Config::from_env()?;
            let db = Database::connect(&config.database, 1)?;
            let mut conn = db.conn()?;
            let applied = run_migrations(&mut conn)?;
            println!("applied {} migration(s) {applied:?}", applied.len());
            Ok(())
        }
        "seed" => {
            let config = Config::from_env()?;
            let db = Database::connect(&config.database, 1)?;
            let mut conn = db.conn()?;
            run_migrations(&mut conn)?;
            let report = seed::load_demo_data(&mut conn)?;
            println!("demo data: inserted {report:?}");
            Ok(())
        }
        "openapi" => emit(&openapi::yaml().map_err(anyhow::Error::msg)?),
        "help" | "--help" | "-h" => emit(&format!("{USAGE}\n")),
        "version" | "--version" | "-V" => emit(&format!("zorgpact {}\n", env!("CARGO_PKG_VERSION"))),
        other => anyhow::bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}

/// Writes a command's output. A reader that stops early (`zorgpact openapi | head`)
/// closes the pipe: that ends the output quietly, as for any Unix tool, instead of
/// the panic `print!` gives.
fn emit(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[actix_web::main]
async fn serve(config: Config) -> anyhow::Result<()> {
    let tokens = startup::signing_key(&config)?;
    let db = {
        let config = config.clone();
        actix_web::web::block(move || startup::prepare_database(&config)).await??
    };
    startup::check_demo_passwords(&config, &db)?;
    let listener = TcpListener::bind(config.addr).with_context(|| format!("cannot listen on {}", config.addr))?;
    let addr = listener.local_addr()?;
    // Scripts and tests read this line to find the port (ZORGPACT_ADDR may use port 0).
    println!(
        "zorgpact listening on http://{addr} (database: {})",
        db.backend().as_str()
    );
    startup::close_unconfirmed_answers(db.clone(), config.barrier_deadlines);
    webhooks::start_delivery(db.clone(), config.webhooks);
    startup::serve(
        listener,
        AppState {
            db,
            tokens,
            barrier_deadlines: config.barrier_deadlines,
            webhooks: config.webhooks,
            security: config.security,
            figures: Default::default(),
        },
        config.web_dir.clone(),
        config.server,
    )?
    .await?;
    Ok(())
}
