//! Lag over time as an inline SVG: each group's total lag over the last minute of simulated
//! time, in records (what `--describe` sums) or in time (how long the oldest unread record has
//! waited). The group shown in detail is drawn thick; with many groups, only it and the most
//! lagging are drawn. Lines differ by dash as well as colour, and are labelled at their ends.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::snapshot::{LagChart, LagSeries};

/// Props of [`LagChartView`].
#[derive(Properties, PartialEq)]
pub struct LagChartViewProps {
    /// The chart's data.
    pub chart: Rc<LagChart>,
    /// The group shown in detail.
    #[prop_or_default]
    pub shown: Option<AttrValue>,
}

/// How many series are drawn at most.
pub const DRAWN_SERIES: usize = 6;

const COLOURS: [&str; DRAWN_SERIES] =
    ["#1f5fbf", "#b34700", "#0b7a55", "#8a2be2", "#a8201a", "#4d5566"];
const DASHES: [&str; DRAWN_SERIES] = ["", "10 5", "3 4", "14 4 3 4", "6 3", "2 2"];

// The drawing and its plot area, in the SVG's user units.
const WIDTH: f64 = 800.0;
const HEIGHT: f64 = 256.0;
const LEFT: f64 = 78.0;
const RIGHT: f64 = 640.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 214.0;
/// The least vertical distance between two end labels.
const LABEL_GAP: f64 = 20.0;

/// Where each end label goes: at its line's end, pushed apart so none overlap.
fn label_ys(ends: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ends.len()).collect();
    kplay_core::sort::sort_by(&mut order, |a, b| ends[*a].total_cmp(&ends[*b]));
    let mut ys = ends.to_vec();
    let mut floor = f64::MIN;
    for i in order {
        ys[i] = ys[i].max(floor);
        floor = ys[i] + LABEL_GAP;
    }
    ys
}

/// A round step that cuts `max` into about four intervals.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 4.0).max(1e-9);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw)
}

/// Round times between `from_ms` and `to_ms` for axis ticks: at most seven, every 1, 2, 5, 10,
/// 20 or 30 s.
pub(super) fn time_ticks(from_ms: i64, to_ms: i64) -> Vec<i64> {
    let span = (to_ms - from_ms).max(1);
    let step = [1_000, 2_000, 5_000, 10_000, 20_000, 30_000]
        .into_iter()
        .find(|s| span / s <= 6)
        .unwrap_or(60_000);
    let first = (from_ms + step - 1).div_euclid(step) * step;
    (first..=to_ms).step_by(step as usize).collect()
}

/// The series to draw: the shown group's, then the most lagging now.
fn drawn<'a>(
    chart: &'a LagChart,
    shown: Option<&str>,
    value: &dyn Fn(&LagSeries) -> i64,
) -> Vec<&'a LagSeries> {
    let mut series: Vec<&LagSeries> = chart.series.iter().collect();
    kplay_core::sort::sort_by_key(&mut series, |s| {
        (Some(s.group.as_str()) != shown, -value(s), s.group.clone())
    });
    series.truncate(DRAWN_SERIES);
    series
}

/// The lag chart.
#[component]
pub fn LagChartView(props: &LagChartViewProps) -> Html {
    let in_time = use_state(|| false);
    let c = &*props.chart;
    let shown = props.shown.as_deref();
    let time = *in_time;
    let value = move |p: &crate::model::snapshot::LagPoint| if time { p.ms } else { p.records };
    let last = |s: &LagSeries| s.last().map_or(0, value);
    let series = drawn(c, shown, &last);
    let max = if time { c.max_lag_ms } else { c.max_lag }.max(if time { 1_000 } else { 4 });
    let step = nice_step(max as f64);
    let top = (max as f64 / step).ceil() * step;
    let span = (c.to_ms - c.from_ms).max(1) as f64;
    let x = |t: i64| LEFT + (t - c.from_ms) as f64 / span * (RIGHT - LEFT);
    let y = |v: i64| BOTTOM - v as f64 / top * (BOTTOM - TOP);
    let label = |v: f64| if time { format!("{:.0} s", v / 1000.0) } else { format!("{v:.0}") };
    let set = |t: bool| {
        let in_time = in_time.clone();
        Callback::from(move |_: Event| in_time.set(t))
    };
    let ends: Vec<f64> = series.iter().map(|s| s.last().map_or(BOTTOM, |p| y(value(p)))).collect();
    let label_y = label_ys(&ends);
    let caption = if c.series.len() > series.len() {
        format!(
            "{} of {} groups drawn: the one shown in detail and the most lagging.",
            series.len(),
            c.series.len()
        )
    } else {
        String::new()
    };
    html! {
        <section class="lag-chart" aria-label="Lag over time">
            <h3>{ "Lag over time" }<small>{ if c.wall_clock { " each group's total, the last minute" } else { " each group's total, the last minute of simulated time" } }</small></h3>
            <fieldset class="lag-unit">
                <legend>{ "Lag in" }</legend>
                <label><input type="radio" name="lag-unit" checked={!time} onchange={set(false)} />{ " records" }</label>
                <label><input type="radio" name="lag-unit" checked={time} onchange={set(true)} />{ " time (the oldest unread record's age)" }</label>
            </fieldset>
            if c.series.is_empty() {
                <p class="empty">{ "No lag to draw yet: a group appears once it has committed offsets." }</p>
            } else {
                <svg class="lag-svg" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                    aria-label={format!("Lag in {} over time, {} groups", if time { "seconds" } else { "records" }, series.len())}>
                    { for (0..).map(|i| i as f64 * step).take_while(|v| *v <= top + 1e-9).map(|v| html! {
                        <g class="tick y">
                            <line x1={LEFT.to_string()} x2={RIGHT.to_string()} y1={y(v as i64).to_string()} y2={y(v as i64).to_string()} />
                            <text x={(LEFT - 8.0).to_string()} y={(y(v as i64) + 6.0).to_string()} text-anchor="end">{ label(v) }</text>
                        </g>
                    }) }
                    { for time_ticks(c.from_ms, c.to_ms).into_iter().map(|t| html! {
                        <g class="tick x">
                            <line x1={x(t).to_string()} x2={x(t).to_string()} y1={BOTTOM.to_string()} y2={(BOTTOM + 6.0).to_string()} />
                            <text x={x(t).to_string()} y={(BOTTOM + 24.0).to_string()} text-anchor="middle">{ format!("{} s", t / 1000) }</text>
                        </g>
                    }) }
                    <line class="axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()} y2={BOTTOM.to_string()} />
                    <line class="axis" x1={LEFT.to_string()} x2={RIGHT.to_string()} y1={BOTTOM.to_string()} y2={BOTTOM.to_string()} />
                    <text class="axis-title" x="16" y={((TOP + BOTTOM) / 2.0).to_string()}
                        transform={format!("rotate(-90 16 {})", (TOP + BOTTOM) / 2.0)} text-anchor="middle">
                        { if time { "lag (seconds)" } else { "lag (records)" } }
                    </text>
                    <text class="axis-title" x={((LEFT + RIGHT) / 2.0).to_string()} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ if c.wall_clock { "time since the first moment this page saw" } else { "simulated time" } }</text>
                    { for series.iter().enumerate().map(|(i, s)| {
                        let points: Vec<String> = s.points.iter().map(|p| format!("{:.1},{:.1}", x(p.time_ms), y(value(p)))).collect();
                        let current = Some(s.group.as_str()) == shown;
                        let now = s.last().map_or(0, value);
                        let now_text = if time { format!("{:.1} s", now as f64 / 1000.0) } else { now.to_string() };
                        html! {
                            <g class={classes!("series", current.then_some("current"))} data-group={s.group.clone()}>
                                <polyline points={points.join(" ")} fill="none" stroke={COLOURS[i]}
                                    stroke-width={if current { "4" } else { "2" }} stroke-dasharray={DASHES[i]} />
                                <text x={(RIGHT + 8.0).to_string()} y={(label_y[i] + 6.0).to_string()} fill={COLOURS[i]}>
                                    { format!("{} {now_text}", s.group) }
                                </text>
                            </g>
                        }
                    }) }
                </svg>
                if !caption.is_empty() { <p class="hint">{ caption }</p> }
            }
        </section>
    }
}
