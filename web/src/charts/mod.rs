//! The app's own SVG charts: no JavaScript, no CDN. `scale` does the arithmetic,
//! `line` draws series over periods, `spark` a tiny trend for the overview, `bars`
//! counts per group.

pub mod bars;
pub mod line;
pub mod scale;
pub mod spark;
pub mod tile_map;

/// Series colours, distinguishable and dark enough on white.
pub const PALETTE: &[&str] = &[
    "#0b6e69", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#b8860b", "#a6761d", "#1f78b4", "#b2182b", "#555555",
];

pub fn colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}
