//! "Did you mean": the nearest known word to a mistyped one.

/// Edit distance (insertions, deletions, substitutions, and swaps of two
/// neighbouring characters, the commonest slip) between two texts, by characters.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the optimal-string-alignment table.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

pub use crate::fold::fold;

/// The candidate nearest to `input`, if it is near enough to be a slip: at most
/// a third of the word's length away (and at least one edit allowed).
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(input.trim());
    let limit = (folded.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (distance(&folded, &fold(c)), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c.len()))
        .map(|(_, c)| c)
}

/// Up to `n` candidates nearest to `input`, nearest first, whatever their
/// distance: for "the nearest codes are …" lists.
pub fn nearest_n<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let folded = fold(input.trim());
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (distance(&folded, &fold(c)), c))
        .collect();
    scored.sort_by_key(|&(d, c)| (d, c.len()));
    scored.dedup_by_key(|(_, c)| *c);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// `did you mean `x`?`, or nothing.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(input, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("title", "titel"), 1);
        assert_eq!(distance("year", "yaer"), 1);
        assert_eq!(distance("abc", ""), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("é", "e"), 1);
    }

    #[test]
    fn nearest_word() {
        let keys = ["title", "porteur", "year", "priorities", "funding"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("priorites", keys), Some("priorities"));
        assert_eq!(nearest("Porteur", keys), Some("porteur"));
        assert_eq!(nearest("budget", keys), None);
        assert_eq!(
            nearest("personnes agees", ["personnes âgées", "parents"]),
            Some("personnes âgées")
        );
    }

    #[test]
    fn nearest_several() {
        let codes = ["P 1.2.1", "P 1.2.2", "P 3.1.1", "OS 1.2"];
        assert_eq!(nearest_n("P 1.2.9", codes, 2), ["P 1.2.1", "P 1.2.2"]);
        assert_eq!(nearest_n("x", codes, 0), Vec::<&str>::new());
    }
}
