//! Starting the server: prepare the database, bind, serve.

use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::Logger;
use actix_web::{App, HttpServer, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::{Config as SwaggerConfig, SwaggerUi};
use zorgpact_db::{Database, run_migrations, seed};
use zorgpact_domain::barrier::workflow::Deadlines;

use crate::auth::TokenKeys;
use crate::config::Config;
use crate::http::extract::BodyTimeout;
use crate::http::routes_table::RoutesTable;
use crate::openapi::{self, ApiDoc};
use crate::{AppState, extractors, problem_bodies, routes, web_app};

/// The token signing key: `ZORGPACT_JWT_SECRET`, or else a key generated on first
/// start and kept in `ZORGPACT_DATA_DIR/jwt-secret` (readable by the owner only);
/// with `ZORGPACT_JWT_SECRET_PREVIOUS`, the key before it is accepted too.
pub fn signing_key(config: &Config) -> anyhow::Result<TokenKeys> {
    let keys = current_key(config)?;
    match &config.jwt_secret_previous {
        None => Ok(keys),
        Some(previous) => keys
            .with_previous(previous.as_bytes())
            .map_err(|e| anyhow::anyhow!("ZORGPACT_JWT_SECRET_PREVIOUS: {e}")),
    }
}

fn current_key(config: &Config) -> anyhow::Result<TokenKeys> {
    if let Some(secret) = &config.jwt_secret {
        return TokenKeys::from_secret(secret.as_bytes()).map_err(|e| anyhow::anyhow!("ZORGPACT_JWT_SECRET: {e}"));
    }
    let path = config.data_dir.join("jwt-secret");
    if !path.is_file() {
        std::fs::create_dir_all(&config.data_dir)?;
        let secret = crate::auth::secrets::random_token(48).map_err(anyhow::Error::msg)?;
        write_private(&path, secret.as_bytes())?;
        tracing::info!(path = %path.display(), "generated a token signing key");
    }
    let secret = std::fs::read(&path)?;
    TokenKeys::from_secret(secret.trim_ascii()).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

fn write_private(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents)
}

/// A production start refuses accounts that still have a documented demo password,
/// unless explicitly allowed.
pub fn check_demo_passwords(config: &Config, db: &Database) -> anyhow::Result<()> {
    if !config.production || config.allow_demo_passwords {
        return Ok(());
    }
    let mut conn = db.conn()?;
    let in_use = seed::accounts::demo_passwords_in_use(&mut conn)?;
    if in_use.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "ZORGPACT_ENV=production, but these accounts still have their demo password: {}. \
         Change or deactivate them, or set ZORGPACT_ALLOW_DEMO_PASSWORDS=true.",
        in_use.join(", ")
    )
}

/// How often answered tickets are checked for the auto-close deadline.
const AUTO_CLOSE_EVERY: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Closes, now and every quarter of an hour, the answers no region reacted to in
/// time. Every instance runs it; a ticket is closed once (see
/// `barriers::close_unconfirmed`).
pub fn close_unconfirmed_answers(db: Database, deadlines: Deadlines) {
    actix_web::rt::spawn(async move {
        let mut ticks = actix_web::rt::time::interval(AUTO_CLOSE_EVERY);
        loop {
            ticks.tick().await;
            let db = db.clone();
            let closed = actix_web::web::block(move || {
                let mut conn = db.conn()?;
                zorgpact_db::barriers::close_unconfirmed(&mut conn, &deadlines, chrono::Utc::now().naive_utc())
            })
            .await;
            match closed {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!(closed = n, "closed answered barrier tickets without reaction"),
                Ok(Err(e)) => tracing::warn!(error = %e, "closing unconfirmed answers failed"),
                Err(e) => tracing::warn!(error = %e, "closing unconfirmed answers did not run"),
            }
        }
    });
}

/// Connects, applies pending migrations and, when configured, loads the demo data.
pub fn prepare_database(config: &Config) -> anyhow::Result<Database> {
    let db = Database::connect_with(&config.database, config.pool)?;
    let mut conn = db.conn()?;
    let applied = run_migrations(&mut conn)?;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "applied migrations");
    }
    if config.demo_data {
        let report = seed::load_demo_data(&mut conn)?;
        if report.total() > 0 {
            tracing::info!(?report, "loaded demo data");
        }
    }
    Ok(db)
}

/// How the HTTP server treats connections (environment variables in [`Config`]).
#[derive(Debug, Clone, Copy)]
pub struct ServerSettings {
    /// Worker threads; `None`: one per core.
    pub workers: Option<usize>,
    /// Open connections per worker; beyond it new ones wait in the listen queue.
    pub max_connections: usize,
    /// The time a client has to send a request's head. Slow or half-open clients
    /// get 408 and are disconnected, so they cannot hold connections for long.
    pub client_request_timeout: Duration,
    /// The time a client has to send a request's body, once the head has come
    /// (408 problem+json past it).
    pub body_timeout: Duration,
    /// On SIGTERM (or SIGINT) the server stops accepting and gives the requests in
    /// flight this long to finish.
    pub shutdown_timeout: Duration,
}

impl Default for ServerSettings {
    /// actix-web's own defaults.
    fn default() -> Self {
        Self {
            workers: None,
            max_connections: 25_000,
            client_request_timeout: Duration::from_secs(5),
            body_timeout: BodyTimeout::default().0,
            shutdown_timeout: Duration::from_secs(30),
        }
    }
}

/// Serves on an already bound listener (port 0 in tests).
pub fn serve(
    listener: TcpListener,
    state: AppState,
    web_dir: PathBuf,
    settings: ServerSettings,
) -> std::io::Result<Server> {
    build(
        listener,
        state,
        web_dir,
        settings,
        #[cfg(feature = "contract-check")]
        None,
    )
}

/// Like [`serve`], checking every API response against the OpenAPI document
/// (tests only).
#[cfg(feature = "contract-check")]
pub fn serve_checked(
    listener: TcpListener,
    state: AppState,
    web_dir: PathBuf,
    settings: ServerSettings,
    checker: std::sync::Arc<crate::contract_check::ContractChecker>,
) -> std::io::Result<Server> {
    build(listener, state, web_dir, settings, Some(web::Data::from(checker)))
}

fn build(
    listener: TcpListener,
    state: AppState,
    web_dir: PathBuf,
    settings: ServerSettings,
    #[cfg(feature = "contract-check")] checker: Option<web::Data<crate::contract_check::ContractChecker>>,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let document = openapi::document();
    let routes_table = web::Data::new(RoutesTable::from_document(&document));
    let document_json = openapi::DocumentJson::of(&document)?;
    drop(document);
    let mut server = HttpServer::new(move || {
        // The spec and docs are registered before the routes: the `/api/v1` scope
        // would otherwise claim `/api/v1/openapi.json`.
        let docs = SwaggerUi::new("/api/docs/{_:.*}").config(SwaggerConfig::from(openapi::DOCUMENT_PATH));
        let cors = state.security.cors();
        let (app, _) = App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .map(|app| app.service(docs).service(document_json.resource()))
            .app_data(state.clone())
            .app_data(routes_table.clone())
            .app_data(extractors::payload_config())
            .app_data(BodyTimeout(settings.body_timeout))
            .app_data(extractors::path_config())
            .configure(routes::register)
            .split_for_parts();
        let app = app.service(web_app::assets(&web_dir));
        let app = match web_app::files(&web_dir) {
            Some(files) => app.service(files),
            None => app,
        };
        let app = app
            .default_service(web_app::fallback_service(
                web_dir.clone(),
                routes_table.clone().into_inner(),
            ))
            // Inside the problem completion, so its 401s get their `instance` too.
            .wrap(actix_web::middleware::from_fn(crate::auth::authenticate))
            .wrap(actix_web::middleware::from_fn(web_app::revalidate_app_pages))
            .wrap(problem_bodies::middleware())
            .wrap(actix_web::middleware::Condition::new(
                cors.is_some(),
                cors.unwrap_or_default(),
            ))
            .wrap(actix_web::middleware::from_fn(crate::http::security::headers))
            .wrap(Logger::new("%r %s %b %Dms"));
        #[cfg(feature = "contract-check")]
        let app = {
            let enabled = checker.is_some();
            let app = match checker.clone() {
                Some(checker) => app.app_data(checker),
                None => app,
            };
            app.wrap(actix_web::middleware::Condition::new(
                enabled,
                actix_web::middleware::from_fn(crate::contract_check::check),
            ))
        };
        // Outermost, so the checks above see uncompressed bodies; the web app's
        // .wasm shrinks to about a third on the wire.
        app.wrap(actix_web::middleware::Compress::default())
    })
    .on_connect(send_without_delay)
    .max_connections(settings.max_connections)
    .client_request_timeout(settings.client_request_timeout)
    .shutdown_timeout(settings.shutdown_timeout.as_secs())
    .listen(listener)?;
    if let Some(workers) = settings.workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// Replies leave as soon as they are written (`TCP_NODELAY`): the last part of a
/// streamed file would otherwise wait for the client's delayed acknowledgement,
/// about 40 ms for every asset (measured on `/assets/…` with wrk).
fn send_without_delay(connection: &dyn std::any::Any, _: &mut actix_web::dev::Extensions) {
    if let Some(tcp) = connection.downcast_ref::<actix_web::rt::net::TcpStream>() {
        let _ = tcp.set_nodelay(true);
    }
}
