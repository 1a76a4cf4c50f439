//! The labels that open an OFAC remark item (`DOB 1965`, `Passport:
//! 123`, `a.k.a. 'NAME'`): read by the remark parser and the identifier
//! parser alike.

/// The text after `label` when `item` starts with it (ASCII case ignored)
/// followed by a space or a colon, with that separator removed; `None`
/// otherwise or when nothing follows.
pub(super) fn after_label<'a>(item: &'a str, label: &str) -> Option<&'a str> {
    let head = item.get(..label.len())?;
    if !head.eq_ignore_ascii_case(label) {
        return None;
    }
    let rest = &item[label.len()..];
    if !rest.starts_with([' ', ':']) {
        return None;
    }
    let value = rest.trim_start_matches([' ', ':']).trim();
    (!value.is_empty()).then_some(value)
}
