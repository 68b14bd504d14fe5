//! What the unit tests of several rooms share.

use std::fmt::Debug;

/// Asserts that `f` maps each input to its expected output, naming the input
/// that does not: the one way the tests state a function case by case.
#[track_caller]
pub fn maps<I, O, E>(f: impl Fn(I) -> O, cases: impl IntoIterator<Item = (I, E)>)
where
    I: Debug + Clone,
    O: PartialEq<E> + Debug,
    E: Debug,
{
    for (input, expected) in cases {
        assert_eq!(f(input.clone()), expected, "input: {input:?}");
    }
}
