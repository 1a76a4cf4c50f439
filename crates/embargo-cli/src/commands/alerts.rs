//! `embargo alerts`: the alerts monitoring raised, and `embargo alerts
//! decide` to record an analyst's verdict on one.

use anyhow::{Context, Result, anyhow};
use embargo_store::{Alert, AlertFilter, AlertStatus, Decision};

use crate::Outcome;
use crate::cli::{AlertsArgs, AlertsCommand, DecideArgs, GlobalArgs};
use crate::context::{actor_said, open_store};
use crate::outln;
use crate::output::{Format, print_records, print_report, time};
use embargo_core::model::{format_score, round_score};

/// Runs `embargo alerts`.
pub fn run(global: &GlobalArgs, args: AlertsArgs) -> Result<Outcome> {
    match args.command {
        Some(AlertsCommand::Decide(decide_args)) => decide(global, decide_args),
        None => list(global, &args),
    }
}

/// Lists the alerts the flags select.
fn list(global: &GlobalArgs, args: &AlertsArgs) -> Result<Outcome> {
    let status = args
        .status
        .as_deref()
        .map(str::parse::<AlertStatus>)
        .transpose()
        .map_err(|message| anyhow!("--status: {message}"))?;
    let filter = AlertFilter {
        status,
        portfolio: args.portfolio.clone(),
    };
    let format = global.output_format(Format::Tsv);
    let store = open_store(global)?;
    let alerts = store.alerts(&filter)?;
    if format == Format::Table && alerts.is_empty() {
        outln!("no alerts")?;
    } else {
        print_alerts(&alerts, format)?;
    }
    Ok(Outcome::Success)
}

/// The alerts as records (JSON keeps each one's result and decisions).
fn print_alerts(alerts: &[Alert], format: Format) -> Result<()> {
    let header: &[&str] = if format == Format::Table {
        &[
            "alert",
            "status",
            "portfolio",
            "record",
            "entity",
            "score",
            "raised",
        ]
    } else {
        &[
            "id",
            "status",
            "portfolio",
            "reference",
            "record_name",
            "entity_id",
            "entity_name",
            "score",
            "raised_at",
        ]
    };
    print_records(format, alerts, header, |alert| {
        let score = format_score(round_score(alert.score));
        if format == Format::Table {
            return vec![
                alert.id.to_string(),
                alert.status.as_str().to_string(),
                alert.portfolio.clone(),
                format!("{} {}", alert.reference, alert.record_name),
                format!("{} {}", alert.entity_id, alert.entity_name),
                score,
                alert.raised_at.format("%Y-%m-%d %H:%M").to_string(),
            ];
        }
        vec![
            alert.id.to_string(),
            alert.status.as_str().to_string(),
            alert.portfolio.clone(),
            alert.reference.clone(),
            alert.record_name.clone(),
            alert.entity_id.clone(),
            alert.entity_name.clone(),
            score,
            time(&alert.raised_at, format),
        ]
    })
}

/// `embargo alerts decide`.
fn decide(global: &GlobalArgs, args: DecideArgs) -> Result<Outcome> {
    let decision: Decision = args
        .decision
        .parse()
        .map_err(|message| anyhow!("--as: {message}"))?;
    if args.note.trim().is_empty() {
        anyhow::bail!("--note: say why (the note is kept in the audit log)");
    }
    let format = global.report_format("alerts decide")?;
    let by = actor_said(args.by.as_deref(), "decision");
    let mut store = open_store(global)?;
    let recorded = store
        .decide(args.alert, decision, &args.note, &by)
        .with_context(|| format!("deciding alert {}", args.alert))?;
    if format == Format::Table {
        outln!(
            "alert {}: {} by {} (decision {})",
            recorded.alert_id,
            recorded.decision,
            recorded.decided_by,
            recorded.id
        )?;
    } else {
        print_report(&recorded, format)?;
    }
    Ok(Outcome::Success)
}
