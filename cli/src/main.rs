//! The `kalends` command line tool.
fn main() {}
