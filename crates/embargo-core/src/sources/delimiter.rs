//! Which delimiter a delimited text file uses, read from its header row:
//! the one rule for every reader of such files (custom lists, customer
//! files for batch screening, format detection).

/// The delimiters a header row may use: comma, and the `;`, tab and `|`
/// that spreadsheets and exports write in some locales.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The delimiter `header` (the first line of a file; anything after its
/// first line break is ignored) uses most often among [`DELIMITERS`];
/// a comma when none occurs or on a tie with it.
pub(crate) fn header_delimiter(header: &[u8]) -> u8 {
    let line = header.split(|&b| b == b'\n').next().unwrap_or(header);
    let count = |delimiter: u8| line.iter().filter(|&&b| b == delimiter).count();
    DELIMITERS
        .into_iter()
        .max_by_key(|&delimiter| (count(delimiter), delimiter == b','))
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_frequent_delimiter_of_the_first_line_wins() {
        assert_eq!(header_delimiter(b"id;name;aliases\n"), b';');
        assert_eq!(header_delimiter(b"id\tname\n"), b'\t');
        assert_eq!(header_delimiter(b"id|name|country"), b'|');
        assert_eq!(header_delimiter(b"id,name\n"), b',');
        assert_eq!(header_delimiter(b"name"), b',');
        // A tie goes to the comma; later lines do not count.
        assert_eq!(header_delimiter(b"a,b;c\nx;y;z;w"), b',');
    }
}
