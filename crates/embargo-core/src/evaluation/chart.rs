//! The SVG chart of an evaluation's threshold sweep: recall per positives
//! file and the false-alert rate on negatives, against threshold.

use super::{EvaluationReport, sweep_thresholds};

/// An SVG line chart of recall (one line per positives file) and false
/// alert rate against threshold.
pub fn sweep_chart(report: &EvaluationReport) -> String {
    const WIDTH: f32 = 640.0;
    const HEIGHT: f32 = 400.0;
    const LEFT: f32 = 60.0;
    const RIGHT: f32 = 180.0;
    const TOP: f32 = 30.0;
    const BOTTOM: f32 = 50.0;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let thresholds = sweep_thresholds();
    let (low, high) = (thresholds[0], thresholds[thresholds.len() - 1]);
    let x = |t: f32| LEFT + (t - low) / (high - low) * plot_w;
    let y = |v: f32| TOP + (1.0 - v.clamp(0.0, 1.0)) * plot_h;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n\
         <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n\
         <text x=\"{LEFT}\" y=\"18\" font-size=\"14\">Recall and false-alert rate by threshold</text>\n"
    );
    for step in 0..=4 {
        let value = step as f32 / 4.0;
        svg += &format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y0:.1}\" y2=\"{y0:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{:.0}%</text>\n",
            LEFT + plot_w,
            LEFT - 6.0,
            y(value) + 4.0,
            value * 100.0,
            y0 = y(value),
        );
    }
    for t in &thresholds {
        svg += &format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{t:.2}</text>\n",
            x(*t),
            TOP + plot_h + 18.0
        );
    }
    svg += &format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">threshold</text>\n",
        LEFT + plot_w / 2.0,
        HEIGHT - 8.0
    );
    let colors = ["#1b6ac9", "#2e9e44", "#7b3fb5", "#c98a1b"];
    let mut series: Vec<(String, &str, Vec<f32>)> = report
        .positives
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let values = report.sweep.iter().map(|row| row.recall[i]).collect();
            (
                format!("recall: {}", short_label(&p.file)),
                colors[i % colors.len()],
                values,
            )
        })
        .collect();
    series.push((
        "false-alert rate (negatives)".to_string(),
        "#c9341b",
        report.sweep.iter().map(|row| row.alert_rate).collect(),
    ));
    for (at, (label, color, values)) in series.iter().enumerate() {
        let points: Vec<String> = thresholds
            .iter()
            .zip(values)
            .map(|(t, v)| format!("{:.1},{:.1}", x(*t), y(*v)))
            .collect();
        svg += &format!(
            "<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{}\"/>\n\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"12\" height=\"3\" fill=\"{color}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
            points.join(" "),
            LEFT + plot_w + 12.0,
            TOP + 10.0 + at as f32 * 20.0,
            LEFT + plot_w + 28.0,
            TOP + 15.0 + at as f32 * 20.0,
            xml_escape(label)
        );
    }
    let marker = x(report.threshold.clamp(low, high));
    svg += &format!(
        "<line x1=\"{marker:.1}\" x2=\"{marker:.1}\" y1=\"{TOP}\" y2=\"{:.1}\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>\n</svg>\n",
        TOP + plot_h
    );
    svg
}

fn short_label(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
