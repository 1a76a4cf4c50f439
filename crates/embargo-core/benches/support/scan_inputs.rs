//! The inputs of the `scan` bench, shared with the `scan_profile` example:
//! the lists it scans against and the texts it scans.

// Setup failures in a benchmark should panic with their reason.
#![allow(clippy::expect_used)]

use std::path::{Path, PathBuf};

use embargo_core::matching::{ListVersion, Screener};
use embargo_core::model::Entity;
use embargo_core::sources;

/// Size of the mixed text.
pub const MIXED_BYTES: usize = 1 << 20;
/// Lines of the `repeat` input: the filed case of a document naming one
/// party on every line.
pub const REPEATED_LINES: usize = 20_000;
/// The line the `repeat` input repeats.
pub const REPEATED_LINE: &str = "Kim Sang Man";
/// Size of the `large` input: a file far larger than any memo.
pub const LARGE_BYTES: usize = 50_000_000;

/// The shared data folder `EMBARGO_TEST_DATA` names (relative to the
/// workspace root), if set.
pub fn data_dir() -> Option<PathBuf> {
    let value = std::env::var_os("EMBARGO_TEST_DATA")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Some(root.join(value))
}

/// Appends the entities of the list files at `path`, read as `source`.
fn load(path: &Path, source: &str, entities: &mut Vec<Entity>) {
    for files in sources::detect(&[path.to_path_buf()]).expect("detect list files") {
        sources::parse(&files, source, &mut |entity| {
            entities.push(entity);
            Ok(())
        })
        .expect("parse list");
    }
}

/// A screener over OFAC SDN (2024-05), the OFAC consolidated list and the
/// UN consolidated list.
pub fn screener(data: &Path) -> Screener {
    let mut entities = Vec::new();
    load(&data.join("ofac/2024-05"), "ofac-sdn", &mut entities);
    load(
        &data.join("ofac/consolidated-2025-12"),
        "ofac-cons",
        &mut entities,
    );
    load(
        &data.join("un/consolidated-2026-02-27.xml"),
        "un",
        &mut entities,
    );
    let lists = ["ofac-sdn", "ofac-cons", "un"]
        .iter()
        .map(|source| ListVersion {
            source: source.to_string(),
            version: "bench".to_string(),
        })
        .collect();
    Screener::new(entities, lists)
}

/// The five news reports of the 23 May 2023 designations.
pub fn reports(data: &Path) -> Vec<String> {
    (1..=5)
        .map(|n| {
            std::fs::read_to_string(data.join(format!("news/article-{n}.txt")))
                .expect("news report")
        })
        .collect()
}

/// The non-blank paragraphs of the reports.
fn paragraphs(reports: &[String]) -> Vec<&str> {
    reports
        .iter()
        .flat_map(|r| r.split("\n\n"))
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// About `size` bytes of the reports' paragraphs, in rotation, each round
/// in a different order.
pub fn mixed_text(reports: &[String], size: usize) -> String {
    let paragraphs = paragraphs(reports);
    let mut text = String::with_capacity(size + 4096);
    let mut round = 0usize;
    while text.len() < size {
        let step = 1 + 2 * (round % 7);
        for k in 0..paragraphs.len() {
            let at = (k * step + round) % paragraphs.len();
            text.push_str(paragraphs[at]);
            text.push_str("\n\n");
        }
        round += 1;
    }
    text
}

/// Sentences of news and payment-message style around one person.
const TEMPLATES: [&str; 12] = [
    "{name}, who was born in {place} on {date}, told reporters that the shipment had left the port two weeks earlier.",
    "According to a statement from the {nationality} embassy, {name} met local officials in {place} last month.",
    "The invoice was signed by {name} ({nationality}) and paid on {date} through a correspondent account.",
    "Payment ref. {date}: transfer to {name}, {place}, for consulting services rendered.",
    "In an interview, {name} said the company would continue to operate in {place} despite the new rules.",
    "Police in {place} said {name}, a {nationality} citizen, was released without charge on {date}.",
    "{name} has served on the board since {date} and previously worked for a logistics firm in {place}.",
    "Shareholders approved the appointment of {name} as chief financial officer at the meeting held in {place}.",
    "The court heard that {name} had travelled from {place} with a {nationality} passport issued on {date}.",
    "Beneficiary: {name}; address: {place}; nationality: {nationality}; date of birth: {date}.",
    "Local media reported that {name} donated the land for a new school in {place}.",
    "Neither {name} nor the lawyers representing the family in {place} responded to requests for comment.",
];

/// The people of the negatives screening sets: `(full name, place of
/// birth, nationality, date of birth)`.
pub fn negatives(data: &Path) -> Vec<[String; 4]> {
    let mut people = Vec::new();
    for file in ["negatives_global.csv", "negatives_us.csv"] {
        let path = data.join("screening-sets").join(file);
        let mut reader = csv::Reader::from_path(&path).expect("negatives set");
        for record in reader.records() {
            let record = record.expect("negatives row");
            let field = |at: usize| record.get(at).unwrap_or_default().to_string();
            people.push([field(0), field(6), field(7), field(5)]);
        }
    }
    people
}

/// About `size` bytes that never repeat a sentence: each person of the
/// negatives sets once, in a template chosen by position, interleaved
/// (stride 7919, a prime) so the two sets mix; a news paragraph after
/// every forty sentences.
pub fn fresh_text(people: &[[String; 4]], reports: &[String], size: usize) -> String {
    let paragraphs = paragraphs(reports);
    let mut text = String::with_capacity(size + 4096);
    let mut sentence = 0usize;
    while text.len() < size && sentence < people.len() {
        let [name, place, nationality, date] = &people[(sentence * 7919) % people.len()];
        let line = TEMPLATES[sentence % TEMPLATES.len()]
            .replace("{name}", name)
            .replace("{place}", place)
            .replace("{nationality}", nationality)
            .replace("{date}", date);
        text.push_str(&line);
        text.push(if sentence % 5 == 4 { '\n' } else { ' ' });
        sentence += 1;
        if sentence.is_multiple_of(40) {
            text.push('\n');
            text.push_str(paragraphs[(sentence / 40) % paragraphs.len()]);
            text.push_str("\n\n");
        }
    }
    text
}

/// `line` written `count` times, one per line.
pub fn repeated_lines(line: &str, count: usize) -> String {
    let mut text = String::with_capacity((line.len() + 1) * count);
    for _ in 0..count {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// About `size` bytes in the style of [`fresh_text`], past the 12 MiB the
/// negatives sets give without repeating a person: each round through the
/// people shifts their templates, so a sentence comes back only after
/// twelve rounds.
pub fn large_text(people: &[[String; 4]], reports: &[String], size: usize) -> String {
    let paragraphs = paragraphs(reports);
    let mut text = String::with_capacity(size + 4096);
    let mut sentence = 0usize;
    while text.len() < size && !people.is_empty() {
        let [name, place, nationality, date] = &people[(sentence * 7919) % people.len()];
        let round = sentence / people.len();
        let line = TEMPLATES[(sentence + round) % TEMPLATES.len()]
            .replace("{name}", name)
            .replace("{place}", place)
            .replace("{nationality}", nationality)
            .replace("{date}", date);
        text.push_str(&line);
        text.push(if sentence % 5 == 4 { '\n' } else { ' ' });
        sentence += 1;
        if sentence.is_multiple_of(40) {
            text.push('\n');
            text.push_str(paragraphs[(sentence / 40) % paragraphs.len()]);
            text.push_str("\n\n");
        }
    }
    text
}

/// `text` cut into its lines (a few sentences each), as a stream of short
/// documents: messages, paragraphs.
pub fn documents(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .collect()
}

/// Two runs of about `bytes` each of the documents of `text`: those that
/// teach a scanner the words such documents share, and those then
/// measured.
pub fn stream_halves(text: &str, bytes: usize) -> (Vec<&str>, Vec<&str>) {
    let mut seen = 0;
    let mut halves = (Vec::new(), Vec::new());
    for document in documents(text) {
        seen += document.len() + 1;
        if seen <= bytes {
            halves.0.push(document);
        } else if seen <= 2 * bytes {
            halves.1.push(document);
        }
    }
    halves
}
