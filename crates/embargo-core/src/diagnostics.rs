//! Writing a diagnostic line to standard error without `eprintln!`'s
//! panic when standard error is closed (`embargo ... 2>&-`, a supervisor
//! that closed the descriptor, a pipe whose reader went away): a
//! diagnostic that cannot be written is dropped, since there is nowhere
//! left to report it, and the program goes on.

/// `eprintln!` that never panics: formats its arguments and writes them
/// with a line end to standard error, ignoring a write error.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprint!` that never panics (no line end).
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::write!(::std::io::stderr().lock(), $($arg)*);
    }};
}
