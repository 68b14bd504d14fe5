//! End-to-end cases: one `tests/cmd/NAME.toml` per case, run in `NAME.in/`.
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expected output; every
//! rewrite must be read and checked against the fixture before it is committed.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
