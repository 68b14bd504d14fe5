//! Porteurs: the organisations that carry actions and employ posts.

use crate::model::Contract;

impl Contract {
    /// The name a porteur is shown by, from any way the files name it.
    pub fn porteur_name(&self, spelling: &str) -> String {
        spelling.to_owned()
    }
}
