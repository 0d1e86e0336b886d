//! A schematic tile map of the Netherlands' care regions: each region a tile in
//! roughly its place (north up), coloured by a value, with a legend. Every tile is a
//! link to its region and shows its value as text, so the colour is never the only
//! carrier of the figure (WCAG 1.4.1); the page gives the same data as a table.

use leptos::prelude::*;

use crate::i18n::{T, tr, use_i18n};

/// Column and row of each demo region's tile. Regions not placed here are listed
/// after the map (the table has them all).
const LAYOUT: &[(&str, u8, u8)] = &[
    ("noord", 4, 1),
    ("groot-amsterdam-zaanstreek-waterland-en-noord-holland-noord", 2, 2),
    ("flevoland", 3, 2),
    ("ijssel-vecht", 4, 2),
    ("kennemerland-amstelland-en-meerlanden", 1, 3),
    ("midden-nederland", 3, 3),
    ("stedendriehoek-noord-veluwe", 4, 3),
    ("twente", 5, 3),
    ("haaglanden-en-nieuwe-waterweg-noord", 1, 4),
    ("rotterdam", 2, 4),
    ("midden-en-zuid-gelderland", 4, 4),
    ("achterhoek", 5, 4),
    ("zeeland", 1, 5),
    ("west-brabant", 2, 5),
    ("midden-brabant", 3, 5),
    ("eindhoven-de-kempen", 4, 5),
    ("limburg", 4, 6),
];

/// Light to dark; the text on each keeps at least 4.5:1 contrast (black on the
/// first four, white on the last).
const CLASS_COLOURS: [(&str, &str); 5] = [
    ("#eff3ff", "#000000"),
    ("#bdd7e7", "#000000"),
    ("#6baed6", "#000000"),
    ("#3182bd", "#000000"),
    ("#08519c", "#ffffff"),
];

/// One region on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRegion {
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
}

/// Equal-width classes between the lowest and highest value: the bounds of each
/// class, low to high (one class when every value is the same, none without values).
pub fn classes(values: &[f64]) -> Vec<(f64, f64)> {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() {
        return Vec::new();
    }
    if high <= low {
        return vec![(low, high)];
    }
    let count = CLASS_COLOURS.len();
    let width = (high - low) / count as f64;
    (0..count)
        .map(|i| {
            (
                low + width * i as f64,
                if i + 1 == count {
                    high
                } else {
                    low + width * (i + 1) as f64
                },
            )
        })
        .collect()
}

/// The class a value falls in.
fn class_of(value: f64, classes: &[(f64, f64)]) -> usize {
    classes
        .iter()
        .position(|&(_, upper)| value <= upper)
        .unwrap_or(classes.len().saturating_sub(1))
}

/// The colours of class `index` of `count` classes: a single class takes the middle one.
fn colours(index: usize, count: usize) -> (&'static str, &'static str) {
    if count <= 1 {
        CLASS_COLOURS[CLASS_COLOURS.len() / 2]
    } else {
        CLASS_COLOURS[index.min(CLASS_COLOURS.len() - 1)]
    }
}

#[component]
pub fn TileMap(
    regions: Vec<MapRegion>,
    /// What the map shows, e.g. "Zij-instromers, 2023".
    caption: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let values: Vec<f64> = regions.iter().filter_map(|r| r.value).collect();
    let bounds = classes(&values);
    let count = bounds.len();
    let legend = classes_legend(&bounds);
    let placed = |code: &str| {
        LAYOUT
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|&(_, col, row)| (col, row))
    };
    let (on_map, elsewhere): (Vec<_>, Vec<_>) = regions.into_iter().partition(|r| placed(&r.code).is_some());
    let tile = move |region: MapRegion| {
        let bounds = bounds.clone();
        let (background, text) = region
            .value
            .map_or(("#ffffff", "#000000"), |v| colours(class_of(v, &bounds), count));
        let position = placed(&region.code);
        let value = region.value;
        view! {
            <li
                class="tile"
                class:no-value=value.is_none()
                data-region=region.code.clone()
                style:grid-column=position.map(|p| p.0.to_string())
                style:grid-row=position.map(|p| p.1.to_string())
                style:background-color=background
                style:color=text
            >
                <a href=format!("/regio/{}", region.code) style:color=text>
                    <span class="tile-name">{region.name}</span>
                    <span class="tile-value">
                        {move || value.map_or_else(|| i18n.t(T::NoValue).to_owned(), |v| i18n.number(v))}
                    </span>
                </a>
            </li>
        }
    };
    view! {
        <figure class="tile-map">
            <figcaption>{caption}</figcaption>
            <ul class="tiles">{on_map.into_iter().map(tile.clone()).collect_view()}</ul>
            {(!elsewhere.is_empty())
                .then(move || view! { <ul class="tiles tiles-unplaced">{elsewhere.into_iter().map(tile).collect_view()}</ul> })}
            {legend}
        </figure>
    }
}

fn classes_legend(bounds: &[(f64, f64)]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let count = bounds.len();
    let items = bounds
        .iter()
        .enumerate()
        .map(|(index, &(low, high))| {
            let (background, _) = colours(index, count);
            view! {
                <li>
                    <span class="swatch" style:background-color=background></span>
                    {move || format!("{} – {}", i18n.number(low), i18n.number(high))}
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="map-legend">
            <p class="legend-title">{tr(T::Legend)}</p>
            <ul>
                {items}
                <li>
                    <span class="swatch no-value"></span>
                    {tr(T::NoValue)}
                </li>
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_equal_classes_from_lowest_to_highest() {
        let bounds = classes(&[10.0, 60.0, 35.0]);
        assert_eq!(bounds.len(), 5);
        assert_eq!(bounds[0], (10.0, 20.0));
        assert_eq!(bounds[4], (50.0, 60.0));
        assert_eq!(class_of(10.0, &bounds), 0);
        assert_eq!(class_of(35.0, &bounds), 2);
        assert_eq!(class_of(60.0, &bounds), 4);
    }

    #[test]
    fn one_value_is_one_class_and_none_is_no_class() {
        assert_eq!(classes(&[7.0, 7.0]), vec![(7.0, 7.0)]);
        assert!(classes(&[]).is_empty());
    }

    #[test]
    fn every_demo_region_has_its_own_tile() {
        for (i, (code, col, row)) in LAYOUT.iter().enumerate() {
            assert!(
                !LAYOUT[i + 1..]
                    .iter()
                    .any(|(c, x, y)| c == code || (x, y) == (col, row)),
                "{code} is placed twice or shares its tile"
            );
        }
    }
}
