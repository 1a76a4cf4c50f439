//! `embargo alerts`: the alerts monitoring raised, and `embargo alerts
//! decide` to record an analyst's verdict on one.

use anyhow::{Context, Result, anyhow};
use embargo_store::{Alert, AlertFilter, AlertStatus, Decision};

use crate::Outcome;
use crate::cli::{AlertsArgs, AlertsCommand, DecideArgs, GlobalArgs};
use crate::context::{actor_said, open_store};
use crate::output::{print_json, table};

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
    let store = open_store(global)?;
    let alerts = store.alerts(&filter)?;
    if args.json {
        print_json(&alerts)?;
    } else if alerts.is_empty() {
        println!("no alerts");
    } else {
        print_alerts(&alerts);
    }
    Ok(Outcome::Success)
}

fn print_alerts(alerts: &[Alert]) {
    let mut out = table(&[
        "alert",
        "status",
        "portfolio",
        "record",
        "entity",
        "score",
        "raised",
    ]);
    for alert in alerts {
        out.add_row(vec![
            alert.id.to_string(),
            alert.status.as_str().to_string(),
            alert.portfolio.clone(),
            format!("{} {}", alert.reference, alert.record_name),
            format!("{} {}", alert.entity_id, alert.entity_name),
            format!("{:.2}", alert.score),
            alert.raised_at.format("%Y-%m-%d %H:%M").to_string(),
        ]);
    }
    println!("{out}");
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
    let by = actor_said(args.by.as_deref(), "decision");
    let mut store = open_store(global)?;
    let recorded = store
        .decide(args.alert, decision, &args.note, &by)
        .with_context(|| format!("deciding alert {}", args.alert))?;
    if args.json {
        print_json(&recorded)?;
    } else {
        println!(
            "alert {}: {} by {} (decision {})",
            recorded.alert_id, recorded.decision, recorded.decided_by, recorded.id
        );
    }
    Ok(Outcome::Success)
}
