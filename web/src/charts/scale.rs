//! Axis arithmetic: "nice" tick values and mapping values onto pixels.

/// A value axis: its ends and the ticks to label.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
}

impl Scale {
    /// Covers `lo..=hi` with about `count` ticks on round numbers (1, 2 or 5 × 10ⁿ).
    pub fn nice(lo: f64, hi: f64, count: usize) -> Self {
        let (lo, hi) = if !lo.is_finite() || !hi.is_finite() {
            (0.0, 1.0)
        } else if (hi - lo).abs() < f64::EPSILON {
            let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
            (lo - pad, hi + pad)
        } else {
            (lo.min(hi), lo.max(hi))
        };
        let step = nice_step((hi - lo) / count.max(1) as f64);
        let min = (lo / step).floor() * step;
        let max = (hi / step).ceil() * step;
        let steps = ((max - min) / step).round() as usize;
        let ticks = (0..=steps).map(|i| round_to(min + i as f64 * step, step)).collect();
        Self { min, max, ticks }
    }

    /// Where `value` lies between `from` (at `min`) and `to` (at `max`).
    pub fn map(&self, value: f64, from: f64, to: f64) -> f64 {
        if self.max == self.min {
            return (from + to) / 2.0;
        }
        from + (value - self.min) / (self.max - self.min) * (to - from)
    }
}

/// The round step nearest to `raw`, by the thresholds d3 uses (√50, √10, √2).
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let error = raw / magnitude;
    let nice = if error >= 50f64.sqrt() {
        10.0
    } else if error >= 10f64.sqrt() {
        5.0
    } else if error >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    nice * magnitude
}

/// Removes float noise (0.30000000000000004) from a tick.
fn round_to(value: f64, step: f64) -> f64 {
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

#[cfg(test)]
mod tests {
    use super::Scale;

    #[test]
    fn ticks_fall_on_round_numbers() {
        let scale = Scale::nice(861.0, 2014.0, 5);
        assert_eq!(
            scale.ticks,
            vec![800.0, 1000.0, 1200.0, 1400.0, 1600.0, 1800.0, 2000.0, 2200.0]
        );
        assert_eq!(scale.min, 800.0);
        assert_eq!(scale.max, 2200.0);
    }

    #[test]
    fn a_flat_series_still_gets_an_axis() {
        let scale = Scale::nice(5.0, 5.0, 4);
        assert!(scale.min < 5.0 && scale.max > 5.0);
        assert!((scale.map(5.0, 100.0, 0.0) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn small_steps_have_no_float_noise() {
        let scale = Scale::nice(0.1, 0.7, 6);
        assert!(scale.ticks.contains(&0.3));
    }
}
