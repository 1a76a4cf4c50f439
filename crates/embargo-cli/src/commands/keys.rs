//! `embargo keys`: the API keys of `embargo serve` (`add`, `list`,
//! `revoke`). A key's secret is printed once, when it is created, and is
//! not stored: only its SHA-256 digest is.

use anyhow::{Result, anyhow};
use embargo_store::{ApiKeyInfo, Role};

use crate::Outcome;
use crate::cli::{GlobalArgs, KeysAddArgs, KeysArgs, KeysCommand, KeysListArgs, KeysRevokeArgs};
use crate::context::{actor, open_store};
use crate::outln;
use crate::output::{Format, print_records, print_report, time};

/// Runs `embargo keys`.
pub fn run(global: &GlobalArgs, args: KeysArgs) -> Result<Outcome> {
    match args.command {
        KeysCommand::Add(add_args) => add(global, &add_args),
        KeysCommand::List(list_args) => list(global, &list_args),
        KeysCommand::Revoke(revoke_args) => revoke(global, &revoke_args),
    }
}

/// `embargo keys add NAME --role ROLE`: the secret alone on standard
/// output (so `KEY=$(embargo keys add ...)` works), how to use it on
/// standard error.
fn add(global: &GlobalArgs, args: &KeysAddArgs) -> Result<Outcome> {
    let role: Role = args
        .role
        .parse()
        .map_err(|message| anyhow!("--role: {message}"))?;
    // The secret alone is the default even in a pipe (`KEY=$(...)`);
    // JSON only when asked for.
    let format = match global.format_given() {
        Some(format) => format,
        None if global.json => Format::Json,
        None => Format::Table,
    };
    if matches!(format, Format::Csv | Format::Tsv) {
        anyhow::bail!(
            "--format {} is not available for `embargo keys add`: use json, jsonl, or no --format for the secret alone",
            format.name()
        );
    }
    let by = actor(args.by.as_deref());
    let mut store = open_store(global)?;
    let key = store.add_api_key(&args.name, role, &by)?;
    if format == Format::Table {
        outln!("{}", key.secret)?;
    } else {
        print_report(
            &serde_json::json!({
                "name": key.name,
                "role": key.role,
                "secret": key.secret,
            }),
            format,
        )?;
    }
    embargo_core::errln!(
        "embargo keys: created key {} with role {}. Its secret (above) is shown only now: \
         send it as `Authorization: Bearer SECRET` (or `X-API-Key: SECRET`).",
        key.name,
        key.role
    );
    Ok(Outcome::Success)
}

/// `embargo keys list`.
fn list(global: &GlobalArgs, _args: &KeysListArgs) -> Result<Outcome> {
    let format = global.output_format(Format::Tsv);
    let store = open_store(global)?;
    let keys = store.api_keys()?;
    if format == Format::Table && keys.is_empty() {
        outln!("no API keys; create one with `embargo keys add NAME --role screen|analyst|admin`")?;
    } else {
        print_keys(&keys, format)?;
    }
    Ok(Outcome::Success)
}

/// The keys as records (never their secrets).
fn print_keys(keys: &[ApiKeyInfo], format: Format) -> Result<()> {
    let header: &[&str] = if format == Format::Table {
        &["key", "role", "created", "by", "revoked"]
    } else {
        &[
            "name",
            "role",
            "created_at",
            "created_by",
            "revoked_at",
            "revoked_by",
        ]
    };
    print_records(format, keys, header, |key| {
        if format != Format::Table {
            return vec![
                key.name.clone(),
                key.role.to_string(),
                time(&key.created_at, format),
                key.created_by.clone(),
                key.revoked_at
                    .as_ref()
                    .map(|at| time(at, format))
                    .unwrap_or_default(),
                key.revoked_by.clone().unwrap_or_default(),
            ];
        }
        let revoked = match (&key.revoked_at, &key.revoked_by) {
            (Some(at), Some(by)) => format!("{} by {by}", at.format("%Y-%m-%d %H:%M")),
            (Some(at), None) => at.format("%Y-%m-%d %H:%M").to_string(),
            _ => "-".to_string(),
        };
        vec![
            key.name.clone(),
            key.role.to_string(),
            key.created_at.format("%Y-%m-%d %H:%M").to_string(),
            key.created_by.clone(),
            revoked,
        ]
    })
}

/// `embargo keys revoke NAME`.
fn revoke(global: &GlobalArgs, args: &KeysRevokeArgs) -> Result<Outcome> {
    let by = actor(args.by.as_deref());
    let mut store = open_store(global)?;
    store.revoke_api_key(&args.name, &by)?;
    outln!(
        "revoked key {}; a running server refuses it from its next store check (--poll-interval)",
        args.name
    )?;
    Ok(Outcome::Success)
}
