//! Every `console` block of README.md and docs/*.md runs here against the
//! shipped data, so that the documentation shows what the tool does.
//! `TRYCMD=overwrite cargo test --test readme` rewrites the outputs: read
//! every change before committing it.

#[test]
fn readme_and_docs_console_examples() {
    trycmd::TestCases::new()
        // Tables as a 100-column terminal shows them, whatever runs the tests.
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("README.md")
        .case("docs/*.md");
}
