//! Tests of the decoding rules: byte-order marks, UTF-16 both ways,
//! Windows-1252 only where asked, C1 controls as text.

use super::*;

#[test]
fn byte_order_marks_name_their_encoding() {
    assert_eq!(
        byte_order_mark(b"\xEF\xBB\xBFid"),
        Some((Encoding::Utf8, 3))
    );
    assert_eq!(
        byte_order_mark(b"\xFF\xFEi\x00"),
        Some((Encoding::Utf16Le, 2))
    );
    assert_eq!(
        byte_order_mark(b"\xFE\xFF\x00i"),
        Some((Encoding::Utf16Be, 2))
    );
    assert_eq!(byte_order_mark(b"id,name"), None);
    assert!(is_utf16(b"\xFF\xFE") && !is_utf16(b"\xEF\xBB\xBF"));
    assert_eq!(strip_utf8_bom(b"\xEF\xBB\xBFx"), b"x");
}

#[test]
fn utf16_list_files_are_decoded_both_ways() {
    let text = "<a>Ким\n</a>";
    let mut little = vec![0xFF, 0xFE];
    let mut big = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        little.extend_from_slice(&unit.to_le_bytes());
        big.extend_from_slice(&unit.to_be_bytes());
    }
    let decoded = decode_published(little, Fallback::Refuse).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        (text, Encoding::Utf16Le)
    );
    let decoded = decode_published(big, Fallback::Refuse).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        (text, Encoding::Utf16Be)
    );
}

#[test]
fn a_lone_surrogate_in_utf16_is_located() {
    // "a\nb" then a lone high surrogate.
    let bytes = vec![0xFF, 0xFE, b'a', 0, b'\n', 0, b'b', 0, 0x00, 0xD8, b'c', 0];
    let bad = decode_published(bytes, Fallback::Refuse).unwrap_err();
    assert_eq!((bad.offset, bad.line), (8, 2));
}

#[test]
fn windows_1252_only_where_the_publisher_uses_it() {
    let bytes = b"O\x92Brien\nJos\xe9".to_vec();
    let decoded = decode_published(bytes.clone(), Fallback::Windows1252).unwrap();
    assert_eq!(decoded.text, "O\u{2019}Brien\nJos\u{e9}");
    assert_eq!(decoded.encoding, Encoding::Windows1252);
    let bad = decode_published(bytes, Fallback::Refuse).unwrap_err();
    assert_eq!((bad.offset, bad.line, bad.byte), (1, 1, 0x92));
    // UTF-8 stays UTF-8 even where Windows-1252 is allowed.
    let decoded = decode_published("José".as_bytes().to_vec(), Fallback::Windows1252).unwrap();
    assert_eq!(
        (decoded.text.as_str(), decoded.encoding),
        ("José", Encoding::Utf8)
    );
    let decoded = decode_published(b"\xEF\xBB\xBFid".to_vec(), Fallback::Refuse).unwrap();
    assert_eq!(decoded.text, "id");
}

#[test]
fn c1_controls_are_text_and_c0_controls_binary() {
    assert!(!is_binary_control('\u{92}'));
    assert!(!is_binary_control('\u{85}'));
    assert!(!is_binary_control('\t') && !is_binary_control('\r') && !is_binary_control('\u{1a}'));
    assert!(
        is_binary_control('\u{0}') && is_binary_control('\u{1b}') && is_binary_control('\u{7f}')
    );
    assert!(!is_binary_control('a'));
}

#[test]
fn the_messages_say_what_to_do() {
    assert_eq!(
        utf16_refusal("file"),
        "the file is UTF-16 encoded; save it as UTF-8 (with or without BOM)"
    );
    let bad = NotUtf8::find(b"ok\nbad \xe9", 0, 1, true).unwrap();
    assert_eq!(
        bad.line_message("it"),
        "line 2: not UTF-8 text (byte 0xe9); convert it to UTF-8 (it may be Latin-1 or \
         Windows-1252)"
    );
    assert_eq!(line_of("a\nb\nc", 4), 3);
}

#[test]
fn utf16_heads_are_read_when_they_start_as_text() {
    let mut head = vec![0xFF, 0xFE];
    for unit in "<Designations>".encode_utf16() {
        head.extend_from_slice(&unit.to_le_bytes());
    }
    // A unit cut by the end of the head is dropped.
    head.push(b'<');
    assert_eq!(utf16_head(&head).as_deref(), Some("<Designations>"));
    assert_eq!(utf16_head(&[0xFF, 0xFE, 0x00, 0x41]), None);
    assert_eq!(utf16_head(b"<a/>"), None);
}
