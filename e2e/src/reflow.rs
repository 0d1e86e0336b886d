//! Reflow (WCAG 1.4.10): at 320 CSS pixels wide, and on a laptop zoomed to 200%,
//! the page fits its window: no scrolling sideways and nothing cut off. Tables
//! wider than that scroll inside their own frame (`TableScroll`, `.table-wrap`),
//! which the criterion allows.
//!
//! Zoom is emulated by width: 200% on a 1280 pixel wide window lays the page out
//! exactly as a 640 CSS pixel wide window does (every length, media query and
//! font size is in CSS pixels), so the checks use windows of that many CSS pixels.

use anyhow::{Context, bail};
use serde_json::Value;

use crate::browser::Page;

/// Whatever sticks out of the window or out of the card, fieldset or foldout it
/// is in, or has its content cut off, outside the tables' own scrolling frames; at most ten, each named by a selector-like
/// description. `null` when the page reflows.
const FIND_OVERFLOW: &str = r"
const width = window.innerWidth;
const exempt = '.table-wrap, .visually-hidden, .skip-link';
const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '');
const where = e => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width, r.height]; };
const sticksOutOf = (e, box) => { const [left, right, w, h] = where(e); return w > 0 && h > 0 && right > box.right + 1; };
const sticksOut = e => { const [left, right, w, h] = where(e); return w > 0 && h > 0 && (left < -1 || right > width + 1); };
const problems = [];
const runsPast = [];
for (const e of [document.documentElement, document.body]) {
  const x = getComputedStyle(e).overflowX;
  if (x === 'hidden' || x === 'clip') problems.push(`${name(e)} hides what is wider than the window (overflow-x: ${x})`);
}
const scroll = document.documentElement.scrollWidth;
if (scroll > width) problems.push(`the page is ${scroll}px wide in a window of ${width}px`);
for (const e of document.body.querySelectorAll('*')) {
  if (e.closest(exempt)) continue;
  if (sticksOut(e) && !(e.parentElement && sticksOut(e.parentElement))) {
    const [left, right] = where(e);
    problems.push(`${name(e)} reaches from ${Math.round(left)}px to ${Math.round(right)}px: ` +
      JSON.stringify((e.textContent || '').trim().slice(0, 60)));
  }
  const box = e.parentElement && e.parentElement.closest('.card, fieldset, details, .notice');
  const edge = box && box.getBoundingClientRect();
  if (box && !box.closest(exempt) && sticksOutOf(e, edge) && !(e.parentElement !== box && sticksOutOf(e.parentElement, edge))) {
    problems.push(`${name(e)} reaches past the right edge of its ${name(box)}: ` +
      JSON.stringify((e.textContent || '').trim().slice(0, 60)));
  }
  // A field scrolls its own text, as a table frame does.
  if (e.matches('input, textarea, select') || e.scrollWidth <= e.clientWidth + 1) continue;
  const s = getComputedStyle(e);
  if (['hidden', 'clip'].includes(s.overflowX) && !e.classList.contains('progress-track')) {
    problems.push(`${name(e)} cuts off its content (${e.scrollWidth}px in ${e.clientWidth}px)`);
  } else if (s.overflowX === 'visible' && e.getBoundingClientRect().left + e.scrollWidth > width + 1) {
    runsPast.push(e);
  }
}
// The innermost of those whose content runs past the window: text too long
// for its line, not each of its ancestors.
for (const e of runsPast.filter(e => !runsPast.some(other => other !== e && e.contains(other)))) {
  problems.push(`the content of ${name(e)} runs past the window (${e.scrollWidth}px in ${e.clientWidth}px): ` +
    JSON.stringify((e.textContent || '').trim().slice(0, 60)));
}
return problems.length ? problems.slice(0, 10) : null;
";

impl Page {
    /// Makes the inside of the page's window exactly `width` × `height` CSS
    /// pixels (the window's frame, if any, comes on top).
    pub async fn set_viewport(&self, width: u32, height: u32) -> anyhow::Result<()> {
        // Asks for the outer size that should give that inside, looks, and
        // corrects by what is still missing: the frame's size is only known
        // once measured, and on a busy machine a resize may take a moment.
        let (mut outer_width, mut outer_height) = (width, height);
        let mut inner = (0, 0);
        for _ in 0..5 {
            self.resize(outer_width, outer_height).await?;
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            inner = self.inner_size().await?;
            if inner == (width, height) {
                return Ok(());
            }
            let correct = |outer: u32, wanted: u32, got: u32| {
                u32::try_from(i64::from(outer) + i64::from(wanted) - i64::from(got))
            };
            outer_width = correct(outer_width, width, inner.0)?;
            outer_height = correct(outer_height, height, inner.1)?;
        }
        bail!("the browser's window cannot be made {width}×{height}px inside: it is {inner:?}")
    }

    async fn inner_size(&self) -> anyhow::Result<(u32, u32)> {
        let size = self
            .script("return [window.innerWidth, window.innerHeight]", vec![])
            .await?;
        let pixels = |n: &Value| n.as_u64().and_then(|n| u32::try_from(n).ok());
        pixels(&size[0])
            .zip(pixels(&size[1]))
            .with_context(|| format!("the window's inner size is {size}"))
    }

    /// Fails unless the page as it is now fits its window (see the module).
    pub async fn check_reflow(&self, state: &str) -> anyhow::Result<()> {
        match self.script(FIND_OVERFLOW, vec![]).await? {
            Value::Null => Ok(()),
            Value::Array(problems) => {
                let problems: Vec<String> = problems
                    .iter()
                    .map(|p| format!("  - {}", p.as_str().unwrap_or_default()))
                    .collect();
                bail!(
                    "{state} ({}) does not fit its window:\n{}",
                    self.path().await?,
                    problems.join("\n")
                )
            }
            other => bail!("the reflow check answered {other}"),
        }
    }
}
