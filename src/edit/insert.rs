//! Appending an action to a pilier file, leaving the rest of the file byte for byte.
