//! Which methods each documented path allows, read from the OpenAPI document, so a
//! request with the wrong method gets 405 with an `Allow` header instead of 404.

use utoipa::openapi::OpenApi;

/// Path templates (e.g. `/api/v1/regions/{code}`) with their allowed methods.
#[derive(Debug, Clone, Default)]
pub struct RoutesTable {
    routes: Vec<(Vec<Segment>, Vec<&'static str>)>,
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
                    ("GET", item.get.is_some()),
                    ("PUT", item.put.is_some()),
                    ("POST", item.post.is_some()),
                    ("DELETE", item.delete.is_some()),
                    ("PATCH", item.patch.is_some()),
                ]
                .into_iter()
                .filter_map(|(m, present)| present.then_some(m))
                .collect();
                (segments, methods)
            })
            .collect();
        Self { routes }
    }

    /// The table of the server's own document, built once.
    pub fn global() -> &'static RoutesTable {
        static TABLE: std::sync::OnceLock<RoutesTable> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| RoutesTable::from_document(&crate::openapi::document()))
    }

    /// The methods allowed on `path`, if it is a documented path.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let parts: Vec<&str> = path.split('/').collect();
        let mut allowed: Vec<&'static str> = Vec::new();
        for (segments, methods) in &self.routes {
            let matches = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(segment, part)| match segment {
                    Segment::Literal(literal) => literal == part,
                    Segment::Parameter => !part.is_empty(),
                });
            if matches {
                allowed.extend(methods.iter().filter(|m| !allowed.contains(m)).collect::<Vec<_>>());
            }
        }
        (!allowed.is_empty()).then_some(allowed)
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
}
