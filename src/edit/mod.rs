//! Format-preserving work on the contract's files: the canonical form of a
//! file (`fmt`), and appending actions to a pilier file (`insert`).

pub mod entries;
pub mod fmt;
pub mod insert;

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::load::{self, CONTRACT_FILE, MemoryFile};
use crate::model::Contract;
use crate::spec::Spec;

pub use fmt::{FileKind, FormatError, format_in, format_text};

/// One file of a folder and what formatting makes of it.
#[derive(Debug, Clone)]
pub struct FileChange {
    pub path: PathBuf,
    pub before: Vec<u8>,
    pub after: Vec<u8>,
}

impl FileChange {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// Why a folder was not formatted.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{}: {source}", path.display())]
    File { path: PathBuf, source: FormatError },
    #[error("{}: not UTF-8 text", .0.display())]
    NotUtf8(PathBuf),
    /// The formatted contract reads differently: a bug of the formatter, never
    /// written.
    #[error(
        "formatting would change what the contract says ({0}); nothing was written. This is a bug of `contrat fmt`: please report it"
    )]
    ModelChanged(String),
}

/// The schema a file of the folder follows.
pub fn kind_of(folder: &Path, path: &Path) -> FileKind {
    if path.parent() == Some(folder) && path.file_name() == Some(CONTRACT_FILE.as_ref()) {
        FileKind::Contract
    } else {
        FileKind::Pilier
    }
}

/// Formats every file of a contract held in memory, as its tree says, and
/// checks that the formatted contract reads as the same model as the
/// original.
pub fn format_folder(folder: &Path, files: &[MemoryFile]) -> Result<Vec<FileChange>, FolderError> {
    let before = load::load_memory(folder, files.to_vec());
    let spec = Spec::new(before.contract.tree.clone());
    let mut changes = Vec::with_capacity(files.len());
    for file in files {
        let text = std::str::from_utf8(&file.bytes)
            .map_err(|_| FolderError::NotUtf8(file.path.clone()))?;
        let after = format_in(text, kind_of(folder, &file.path), &spec).map_err(|source| {
            FolderError::File {
                path: file.path.clone(),
                source,
            }
        })?;
        changes.push(FileChange {
            path: file.path.clone(),
            before: file.bytes.clone(),
            after: after.into_bytes(),
        });
    }
    let after = load::load_memory(
        folder,
        changes
            .iter()
            .map(|c| MemoryFile {
                path: c.path.clone(),
                bytes: c.after.clone(),
            })
            .collect(),
    );
    if let Some(difference) = first_difference(&digest(&before.contract), &digest(&after.contract))
    {
        return Err(FolderError::ModelChanged(difference));
    }
    Ok(changes)
}

/// Everything a contract says, as one JSON value: ids, codes, titles, amounts,
/// in contract order. Two contracts that read alike have equal digests; spans
/// and file layout do not count.
pub fn digest(contract: &Contract) -> Value {
    let meta = &contract.meta;
    let levels: Vec<(&str, String)> = meta
        .levels
        .iter()
        .map(|(rule, level)| (rule.name(), format!("{level:?}")))
        .collect();
    json!({
        "meta": {
            "title": meta.title,
            "territory": meta.territory,
            "period": meta.period.as_ref().map(|p| p.value),
            "language": meta.language,
            "source": meta.source,
            "levels": levels,
        },
        "epci": meta.epci,
        "tree": format!("{:?}", contract.tree),
        "transversals": contract.transversals,
        "communes": contract.communes,
        "quartiers": contract.quartiers,
        "funders": contract.funders,
        "publics": contract.publics,
        "nodes": contract.nodes,
        "parents": contract.nodes.iter().map(|n| n.parent).collect::<Vec<_>>(),
        "actions": contract.actions,
        "posts": contract.posts,
        "porteurs": contract.porteurs,
        "themes": contract.themes,
        "stored_in": contract.actions.iter().map(|a| a.stored_in).collect::<Vec<_>>(),
    })
}

/// The path of the first difference between two JSON values, if any.
fn first_difference(a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                match y.get(key) {
                    Some(other) => {
                        if let Some(d) = first_difference(value, other) {
                            return Some(format!("{key}.{d}"));
                        }
                    }
                    None => return Some(key.clone()),
                }
            }
            y.keys().find(|k| !x.contains_key(*k)).cloned()
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                if let Some(d) = first_difference(p, q) {
                    return Some(format!("{i}.{d}"));
                }
            }
            (x.len() != y.len()).then(|| "length".to_owned())
        }
        _ => (a != b).then(|| "value".to_owned()),
    }
}
