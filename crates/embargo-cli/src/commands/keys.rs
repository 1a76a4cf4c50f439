//! `embargo keys`: the API keys of `embargo serve` (`add`, `list`,
//! `revoke`). A key's secret is printed once, when it is created, and is
//! not stored: only its SHA-256 digest is.

use anyhow::{Result, anyhow};
use embargo_store::{ApiKeyInfo, Role};

use crate::Outcome;
use crate::cli::{GlobalArgs, KeysAddArgs, KeysArgs, KeysCommand, KeysListArgs, KeysRevokeArgs};
use crate::context::{actor, open_store};
use crate::output::{print_json, table};

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
    let by = actor(args.by.as_deref());
    let mut store = open_store(global)?;
    let key = store.add_api_key(&args.name, role, &by)?;
    if args.json {
        print_json(&serde_json::json!({
            "name": key.name,
            "role": key.role,
            "secret": key.secret,
        }))?;
    } else {
        println!("{}", key.secret);
    }
    eprintln!(
        "embargo keys: created key {} with role {}. Its secret (above) is shown only now: \
         send it as `Authorization: Bearer SECRET` (or `X-API-Key: SECRET`).",
        key.name, key.role
    );
    Ok(Outcome::Success)
}

/// `embargo keys list`.
fn list(global: &GlobalArgs, args: &KeysListArgs) -> Result<Outcome> {
    let store = open_store(global)?;
    let keys = store.api_keys()?;
    if args.json {
        print_json(&keys)?;
    } else if keys.is_empty() {
        println!(
            "no API keys; create one with `embargo keys add NAME --role screen|analyst|admin`"
        );
    } else {
        print_keys(&keys);
    }
    Ok(Outcome::Success)
}

fn print_keys(keys: &[ApiKeyInfo]) {
    let mut out = table(&["key", "role", "created", "by", "revoked"]);
    for key in keys {
        let revoked = match (&key.revoked_at, &key.revoked_by) {
            (Some(at), Some(by)) => format!("{} by {by}", at.format("%Y-%m-%d %H:%M")),
            (Some(at), None) => at.format("%Y-%m-%d %H:%M").to_string(),
            _ => "-".to_string(),
        };
        out.add_row(vec![
            key.name.clone(),
            key.role.to_string(),
            key.created_at.format("%Y-%m-%d %H:%M").to_string(),
            key.created_by.clone(),
            revoked,
        ]);
    }
    println!("{out}");
}

/// `embargo keys revoke NAME`.
fn revoke(global: &GlobalArgs, args: &KeysRevokeArgs) -> Result<Outcome> {
    let by = actor(args.by.as_deref());
    let mut store = open_store(global)?;
    store.revoke_api_key(&args.name, &by)?;
    println!(
        "revoked key {}; a running server refuses it from its next store check (--poll-interval)",
        args.name
    );
    Ok(Outcome::Success)
}
