//! Which methods each documented path allows and which of them need a token, read
//! from the OpenAPI document: a request with the wrong method gets 405 with an
//! `Allow` header instead of 404, and an anonymous call of a protected operation
//! is refused before any handler reads its body.

use utoipa::openapi::OpenApi;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::SecurityRequirement;

/// Path templates (e.g. `/api/v1/regions/{code}`) with their allowed methods.
#[derive(Debug, Clone, Default)]
pub struct RoutesTable {
    routes: Vec<(Vec<Segment>, Vec<Method>)>,
}

#[derive(Debug, Clone, Copy)]
struct Method {
    name: &'static str,
    /// The operation needs a bearer token: it declares `security`, and every
    /// alternative is `bearer` (the refresh cookie is the handler's to check).
    needs_token: bool,
}

fn needs_token(operation: &Operation) -> bool {
    let bearer = SecurityRequirement::new("bearer", Vec::<String>::new());
    operation
        .security
        .as_ref()
        .is_some_and(|any_of| !any_of.is_empty() && any_of.iter().all(|requirement| *requirement == bearer))
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Literal(String),
    Parameter,
}

impl RoutesTable {
    pub fn from_document(document: &OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template
                    .split('/')
                    .map(|s| {
                        if s.starts_with('{') && s.ends_with('}') {
                            Segment::Parameter
                        } else {
                            Segment::Literal(s.to_owned())
                        }
                    })
                    .collect();
                let methods = [
                    ("GET", &item.get),
                    ("PUT", &item.put),
                    ("POST", &item.post),
                    ("DELETE", &item.delete),
                    ("PATCH", &item.patch),
                ]
                .into_iter()
                .filter_map(|(name, operation)| {
                    operation.as_ref().map(|operation| Method {
                        name,
                        needs_token: needs_token(operation),
                    })
                })
                .collect();
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The table the server was started with (startup registers it as app data).
    pub fn of(req: &actix_web::HttpRequest) -> Option<&RoutesTable> {
        req.app_data::<actix_web::web::Data<RoutesTable>>()
            .map(|table| table.get_ref())
    }

    /// The methods allowed on `path`, if it is a documented path.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let mut allowed: Vec<&'static str> = Vec::new();
        for (_, methods) in self.matching(path) {
            for method in methods {
                if !allowed.contains(&method.name) {
                    allowed.push(method.name);
                }
            }
        }
        (!allowed.is_empty()).then_some(allowed)
    }

    /// Whether `method` on `path` is an operation that needs a token. Where a
    /// literal template and a templated one both match (`/indicator-values/bulk`),
    /// the one with more literal segments is the route actix picks too.
    pub fn needs_token(&self, method: &str, path: &str) -> bool {
        self.matching(path)
            .filter_map(|(literals, methods)| Some((literals, methods.iter().find(|m| m.name == method)?)))
            .max_by_key(|(literals, _)| *literals)
            .is_some_and(|(_, m)| m.needs_token)
    }

    /// The templates `path` matches, each with its number of literal segments.
    fn matching<'a>(&'a self, path: &'a str) -> impl Iterator<Item = (usize, &'a [Method])> + 'a {
        let parts: Vec<&str> = path.split('/').collect();
        self.routes.iter().filter_map(move |(segments, methods)| {
            let matches = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(segment, part)| match segment {
                    Segment::Literal(literal) => literal == part,
                    Segment::Parameter => !part.is_empty(),
                });
            let literals = segments.iter().filter(|s| matches!(s, Segment::Literal(_))).count();
            matches.then_some((literals, methods.as_slice()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_methods_of_a_templated_path() {
        let table = RoutesTable::from_document(&crate::openapi::document());
        assert_eq!(table.allowed("/api/v1/regions/twente"), Some(vec!["GET", "PUT"]));
        assert_eq!(table.allowed("/api/v1/regions"), Some(vec!["GET", "POST"]));
        assert_eq!(table.allowed("/api/v1/nothing"), None);
        assert_eq!(table.allowed("/api/v1/regions/"), None);
    }

    #[test]
    fn knows_which_operations_need_a_token() {
        let table = RoutesTable::from_document(&crate::openapi::document());
        assert!(!table.needs_token("GET", "/api/v1/regions/twente"));
        assert!(table.needs_token("PUT", "/api/v1/regions/twente"));
        assert!(table.needs_token("POST", "/api/v1/indicator-values/bulk"));
        assert!(table.needs_token("GET", "/api/v1/actions"));
        assert!(!table.needs_token("POST", "/api/v1/auth/token"));
        assert!(
            !table.needs_token("POST", "/api/v1/auth/refresh"),
            "the cookie's, not a bearer's"
        );
        assert!(!table.needs_token("GET", "/api/v1/nothing"));
    }
}
