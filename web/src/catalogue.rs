//! What many pages look up and rarely changes: the regions and the indicator
//! catalogue, loaded once per session and shared through context.

use leptos::prelude::*;
use zorgpact_contract::RegionResponse;
use zorgpact_contract::indicator::IndicatorResponse;

use crate::api::{ApiError, UnauthorizedApi};

#[derive(Clone, Copy)]
pub struct Catalogue {
    pub regions: LocalResource<Result<Vec<RegionResponse>, ApiError>>,
    pub indicators: LocalResource<Result<Vec<IndicatorResponse>, ApiError>>,
}

/// Public lookups: provided once for visitors and users alike.
pub fn provide_catalogue() {
    provide_context(Catalogue {
        regions: LocalResource::new(|| UnauthorizedApi.regions()),
        indicators: LocalResource::new(|| UnauthorizedApi.indicators()),
    });
}

pub fn use_catalogue() -> Catalogue {
    expect_context::<Catalogue>()
}

impl Catalogue {
    /// A region's name, or its code until the regions are loaded. Reactive.
    pub fn region_name(&self, code: &str) -> String {
        self.regions
            .get()
            .and_then(Result::ok)
            .and_then(|regions| regions.into_iter().find(|r| r.code == code).map(|r| r.name))
            .unwrap_or_else(|| code.to_owned())
    }

    /// The regions, once loaded (empty before). Reactive.
    pub fn region_list(&self) -> Vec<RegionResponse> {
        self.regions.get().and_then(Result::ok).unwrap_or_default()
    }

    /// The indicators, once loaded (empty before). Reactive.
    pub fn indicator_list(&self) -> Vec<IndicatorResponse> {
        self.indicators.get().and_then(Result::ok).unwrap_or_default()
    }
}
