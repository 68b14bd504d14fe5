//! Differences as text: the unified diff of `fmt --check`, and the changes
//! between two contracts in the contract's own terms.

/// A unified diff of one file (`--- a/PATH`, `+++ b/PATH`, hunks with three
/// lines of context), as `git diff` prints it.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unified_diff_has_headers_and_hunks() {
        let got = unified("c/x.toml", "a = 1\nb=2\n", "a = 1\nb = 2\n");
        assert_eq!(
            got,
            "--- a/c/x.toml\n+++ b/c/x.toml\n@@ -1,2 +1,2 @@\n a = 1\n-b=2\n+b = 2\n"
        );
    }
}
