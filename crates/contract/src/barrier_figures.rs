//! `GET /barrier-figures`: the programme's barrier figures.

use serde::{Deserialize, Serialize};

use crate::barrier::ContactCountsResponse;
use crate::codes::{BarrierCategory, BarrierLocation, BarrierStatus, Ministry, Resolution};

/// A count of tickets per value of one code (`null`: tickets without one).
macro_rules! count_of {
    ($(#[$doc:meta])* $name:ident, $field:ident: $type:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name {
            pub $field: $type,
            pub tickets: u32,
        }
    };
}

count_of!(StatusCount, status: BarrierStatus);
count_of!(
    /// `resolution` is `null` for tickets not (yet) resolved.
    ResolutionCount, resolution: Option<Resolution>
);
count_of!(
    /// `ministry` is `null` for tickets not (yet) assigned to one.
    MinistryCount, ministry: Option<Ministry>
);
count_of!(CategoryCount, category: BarrierCategory);
count_of!(
    /// `location` is `null` where it is not (yet) known.
    LocationCount, location: Option<BarrierLocation>
);
count_of!(RegionCount, region_code: String);

/// Working days over a group of tickets: the median and the 90th percentile
/// (nearest rank); `null` without tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DaySpreadResponse {
    pub tickets: u32,
    pub median_days: Option<f64>,
    pub p90_days: Option<u32>,
}

/// How fast one ministry responded and answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MinistryClockResponse {
    pub ministry: Ministry,
    /// Over the tickets that had a first response.
    pub first_response: DaySpreadResponse,
    /// Over the answered tickets (handling time, without waiting for the region).
    pub answer: DaySpreadResponse,
    /// Tickets past a target of the ministry.
    pub overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverdueResponse {
    /// Tickets past a target (first response or answer), open or not.
    pub tickets: u32,
    /// `tickets` as a share of all tickets (0–1); `null` without tickets.
    pub share: Option<f64>,
    pub open: u32,
    pub open_overdue: u32,
}

/// The barrier figures: counts per status, resolution, ministry, category, place
/// and region; each ministry's speed; overdue tickets; contacts by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BarrierFiguresResponse {
    /// The day the clocks were read on (ISO 8601).
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub as_of: String,
    pub tickets: u32,
    /// Tickets marked as a duplicate of another.
    pub duplicates: u32,
    pub by_status: Vec<StatusCount>,
    pub by_resolution: Vec<ResolutionCount>,
    pub by_ministry: Vec<MinistryCount>,
    pub by_category: Vec<CategoryCount>,
    pub by_location: Vec<LocationCount>,
    pub by_region: Vec<RegionCount>,
    pub clock_by_ministry: Vec<MinistryClockResponse>,
    pub overdue: OverdueResponse,
    pub contacts: ContactCountsResponse,
}
