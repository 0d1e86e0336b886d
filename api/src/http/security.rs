//! What every response says to the browser about safety, which other sites may
//! call the API from a browser (CORS), and which proxies are believed about the
//! client's address.

use std::net::IpAddr;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, web};
use ipnet::IpNet;

use crate::AppState;

/// `default-src 'self'` with the one exception a WebAssembly app needs
/// (`'wasm-unsafe-eval'` compiles the module; no `'unsafe-eval'`, no inline
/// script). Nothing may frame the app (clickjacking), the page's base URL and
/// forms stay on this origin, and no plug-ins load.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// `ZORGPACT_CORS_ORIGINS`, `ZORGPACT_TRUSTED_PROXIES` and `ZORGPACT_HSTS_MAX_AGE`
/// (README.md, "Configuration").
#[derive(Debug, Clone, Default)]
pub struct HttpSecurity {
    /// Origins (`https://dashboard.example.nl`) whose pages may call the API; the
    /// app's own origin always may.
    pub cors_origins: Vec<String>,
    /// Proxies (addresses or networks) whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// `Strict-Transport-Security: max-age=N` when the server is reached over TLS.
    pub hsts_max_age: Option<u64>,
}

impl HttpSecurity {
    /// The client's address: the peer, unless the peer is a trusted proxy; then
    /// the nearest address in `X-Forwarded-For` that is not a trusted proxy
    /// (addresses further left are whatever the client chose to send).
    pub fn client_ip(&self, req: &HttpRequest) -> Option<IpAddr> {
        let peer = req.peer_addr()?.ip();
        if !self.is_trusted(peer) {
            return Some(peer);
        }
        let forwarded: Vec<IpAddr> = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map(|address| address.trim().parse::<IpAddr>())
            .collect::<Result<_, _>>()
            // A list that does not parse is not evidence of anything.
            .unwrap_or_default();
        Some(
            forwarded
                .into_iter()
                .rev()
                .find(|address| !self.is_trusted(*address))
                .unwrap_or(peer),
        )
    }

    /// Whether a page of `origin` may call the API: one of the configured origins,
    /// or the app's own (the origin names the host the request went to).
    pub fn allows_origin(&self, origin: &str, headers: &HeaderMap) -> bool {
        self.cors_origins.iter().any(|allowed| allowed == origin) || is_same_origin(origin, headers)
    }

    fn is_trusted(&self, address: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(&address))
    }

    /// Cross-origin calls from the configured origins (and the app's own), with
    /// the headers a client of this API sends and reads; none when no origin is
    /// configured, so browsers keep other sites out.
    pub fn cors(&self) -> Option<Cors> {
        if self.cors_origins.is_empty() {
            return None;
        }
        let security = self.clone();
        let cors = Cors::default()
            .allowed_origin_fn(move |origin, head| {
                origin
                    .to_str()
                    .is_ok_and(|origin| security.allows_origin(origin, &head.headers))
            })
            .allowed_methods(["GET", "POST", "PUT", "DELETE"])
            .allowed_headers([
                header::AUTHORIZATION,
                header::CONTENT_TYPE,
                header::ACCEPT,
                header::IF_MATCH,
                header::IF_NONE_MATCH,
                HeaderName::from_static("idempotency-key"),
            ])
            .expose_headers([
                header::ETAG,
                header::LOCATION,
                header::RETRY_AFTER,
                header::CONTENT_DISPOSITION,
            ])
            .max_age(3600);
        Some(cors)
    }
}

/// A browser sends `Origin` on its own page's writes too: those are the app's.
fn is_same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    host.is_some() && origin_host == host
}

/// Adds the security headers to every response: the API's, the app's pages and
/// files, the API docs and every error.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let hsts = req
        .app_data::<web::Data<AppState>>()
        .and_then(|state| state.security.hsts_max_age)
        .filter(|_| req.connection_info().scheme() == "https")
        .and_then(|max_age| HeaderValue::from_str(&format!("max-age={max_age}; includeSubDomains")).ok());
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CROSS_ORIGIN_OPENER_POLICY, "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Some(hsts) = hsts {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, hsts);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn security(proxies: &[&str]) -> HttpSecurity {
        HttpSecurity {
            trusted_proxies: proxies.iter().map(|p| p.parse().expect("network")).collect(),
            ..HttpSecurity::default()
        }
    }

    fn request(peer: &str, forwarded: Option<&str>) -> HttpRequest {
        let mut request = TestRequest::default().peer_addr(format!("{peer}:40000").parse().expect("peer"));
        if let Some(forwarded) = forwarded {
            request = request.insert_header(("X-Forwarded-For", forwarded));
        }
        request.to_http_request()
    }

    fn ip(address: &str) -> Option<IpAddr> {
        address.parse().ok()
    }

    #[test]
    fn a_client_is_its_peer_unless_the_peer_is_a_trusted_proxy() {
        let none = security(&[]);
        assert_eq!(
            none.client_ip(&request("203.0.113.7", Some("198.51.100.1"))),
            ip("203.0.113.7")
        );

        let proxy = security(&["10.0.0.0/8"]);
        assert_eq!(
            proxy.client_ip(&request("10.1.2.3", Some("198.51.100.1"))),
            ip("198.51.100.1")
        );
        assert_eq!(
            proxy.client_ip(&request("203.0.113.7", Some("198.51.100.1"))),
            ip("203.0.113.7"),
            "an untrusted peer's header is ignored"
        );
    }

    #[test]
    fn the_nearest_untrusted_forwarded_address_counts() {
        let proxies = security(&["10.0.0.0/8", "192.0.2.1/32"]);
        // The client wrote the first entry itself; the proxies appended the rest.
        let chain = "1.1.1.1, 198.51.100.9, 10.0.0.5";
        assert_eq!(
            proxies.client_ip(&request("192.0.2.1", Some(chain))),
            ip("198.51.100.9")
        );
        assert_eq!(proxies.client_ip(&request("10.0.0.1", None)), ip("10.0.0.1"));
        assert_eq!(
            proxies.client_ip(&request("10.0.0.1", Some("not an address"))),
            ip("10.0.0.1"),
            "a list that does not parse is ignored"
        );
    }
}
