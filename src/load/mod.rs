//! Folder → files → TOML → model, keeping spans and collecting every finding.

mod contract_file;
mod grant;
mod pilier_file;
mod porteur;
mod post;
mod reader;

use std::fs;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, Rule};
use crate::model::{Code, Completeness, Contract, Tree};
use crate::source::{FileId, SourceFile, Sources, Span};
use crate::spec::{FileKind, Spec};
use pilier_file::PilierPart;
use reader::{Reader, Table};

/// The name of the file that describes the contract as a whole.
pub const CONTRACT_FILE: &str = "contrat.toml";

/// Past this many syntax errors in one file the rest is noise from the first.
const MAX_SYNTAX_ERRORS: usize = 50;

/// Why a contract could not be read at all (as opposed to findings about it).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "contract folder `{}` does not exist\nhelp: name the folder that holds contrat.toml with --contract DIR (or the environment variable CONTRAT_DIR), or create a new contract with `contrat init DIR --territory NAME`",
        .0.display()
    )]
    Missing(PathBuf),
    #[error("`{0}` is not a folder: --contract takes the folder that holds contrat.toml")]
    NotAFolder(PathBuf),
    #[error("cannot read contract folder `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A contract as read, with its files and the findings of reading it.
#[derive(Debug)]
pub struct Loaded {
    pub contract: Contract,
    pub sources: Sources,
    pub diagnostics: Diagnostics,
}

/// What one file turned out to hold.
enum FileContent {
    Contract(Box<Contract>),
    Pilier(Box<PilierPart>),
    /// A file that could not be read, parsed or placed: its content is missing.
    /// `may_hold_tree` says whether that content may be part of the tree (a file
    /// that could not be decoded at all, or whose partial parse shows `pilier`).
    Broken {
        may_hold_tree: bool,
    },
    /// Valid TOML that is not a pilier file: not part of the contract.
    Stray,
}

/// A `.toml` file found in the folder, or a problem met while walking it.
enum Entry {
    File {
        path: PathBuf,
        is_contract_file: bool,
    },
    Problem(Diagnostic),
}

impl Entry {
    /// A path of the folder that cannot be read as a contract file.
    fn unreadable(path: &Path, message: String, help: &str) -> Entry {
        Entry::Problem(
            Diagnostic::in_folder(Rule::UnreadableFile, path.to_owned(), message).help(help),
        )
    }
}

/// Reads the contract in `folder`. Fails only when the folder itself is unusable;
/// everything wrong inside it becomes a finding.
pub fn load(folder: &Path) -> Result<Loaded, LoadError> {
    load_walked(folder, false).map(|(loaded, _)| loaded)
}

/// Reads the contract in `folder` as [`load`] does, and gives the bytes of
/// each file that could be read: what `fmt`, `add` and `import` change. Each
/// file is read once, so the change is computed from the very bytes checked.
pub fn load_files(folder: &Path) -> Result<(Loaded, Vec<MemoryFile>), LoadError> {
    load_walked(folder, true)
}

/// That `folder` is a folder that can be read: what reading a contract and
/// locking it for a write both make sure of first.
pub fn check_folder(folder: &Path) -> Result<(), LoadError> {
    match fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(LoadError::NotAFolder(folder.to_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(LoadError::Missing(folder.to_owned()))
        }
        Err(source) => Err(LoadError::Io {
            path: folder.to_owned(),
            source,
        }),
    }
}

fn load_walked(folder: &Path, keep: bool) -> Result<(Loaded, Vec<MemoryFile>), LoadError> {
    check_folder(folder)?;
    // Without its contrat.toml a folder is not a contract: reading every
    // `.toml` below it (a repository's root, say) would only bury the one
    // finding that matters under hundreds.
    if !folder.join(CONTRACT_FILE).exists() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(missing_contract_file(folder, &contracts_below(folder)));
        // Nothing was read: no check may report what is "missing" from it.
        let mut contract = Contract::default();
        contract.folder = folder.to_owned();
        contract.finish();
        let loaded = Loaded {
            contract,
            sources: Sources::default(),
            diagnostics,
        };
        return Ok((loaded, Vec::new()));
    }

    let mut diagnostics = Diagnostics::default();
    let mut files = Vec::new();
    let mut kept = Vec::new();
    for entry in walk(folder) {
        match entry {
            Entry::Problem(d) => diagnostics.push(d),
            Entry::File {
                path,
                is_contract_file,
            } => {
                let bytes = if keep {
                    match read_bytes(&path) {
                        Ok(bytes) => {
                            kept.push(MemoryFile {
                                path: path.clone(),
                                bytes: bytes.clone(),
                            });
                            Bytes::InMemory(bytes)
                        }
                        Err(reason) => Bytes::Unreadable(reason),
                    }
                } else {
                    Bytes::OnDisk
                };
                files.push((path, is_contract_file, bytes));
            }
        }
    }
    // A folder that could not be walked may hold pilier files.
    let walk_problems = !diagnostics.is_empty();
    let mut loaded = read_all(folder, files, diagnostics);
    loaded.contract.complete.pilier_files &= !walk_problems;
    loaded.contract.complete.broken_files |= walk_problems;
    Ok((loaded, kept))
}

/// A file held in memory: read from a git revision, or about to be written.
#[derive(Clone, Debug)]
pub struct MemoryFile {
    /// Its path, below the contract folder.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Reads a contract from files in memory, as [`load`] reads a folder: the
/// `.toml` files only, hidden ones skipped, in path order; `folder/contrat.toml`
/// is the contract file.
pub fn load_memory(folder: &Path, mut files: Vec<MemoryFile>) -> Loaded {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let files = files
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "toml"))
        .filter(|f| {
            let below = f.path.strip_prefix(folder).unwrap_or(&f.path);
            !below
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .map(|f| {
            let is_contract_file = f.path.parent() == Some(folder)
                && f.path.file_name() == Some(CONTRACT_FILE.as_ref());
            (f.path, is_contract_file, Bytes::InMemory(f.bytes))
        })
        .collect();
    read_all(folder, files, Diagnostics::default())
}

/// Where a file's bytes are.
enum Bytes {
    OnDisk,
    InMemory(Vec<u8>),
    /// Read already, and could not be: why.
    Unreadable(String),
}

/// Reads, decodes, parses and interprets every file, then puts the contract
/// together. The contract file comes first: its tree says how to read the
/// others. Those are read on all cores, one file per core at a time: the
/// parser's working memory is many times a file's size, so it stays bounded by
/// the largest files, not by the whole folder.
fn read_all(
    folder: &Path,
    files: Vec<(PathBuf, bool, Bytes)>,
    mut diagnostics: Diagnostics,
) -> Loaded {
    let count = files.len();
    let mut done: Vec<(usize, bool, SourceFile, FileContent, Vec<Diagnostic>)> =
        Vec::with_capacity(count);
    let mut rest = Vec::with_capacity(count);
    // `None` when the contract declares a tree that cannot be used.
    let mut tree = Some(Tree::default());
    for (index, (path, is_contract_file, bytes)) in files.into_iter().enumerate() {
        if is_contract_file {
            let (source, content, found, declared) = {
                let bytes = bytes.read(&path);
                read_file(path, bytes, FileId(index as u32), Role::Contract)
            };
            if let FileContent::Contract(_) = content {
                tree = declared;
            }
            done.push((index, true, source, content, found));
        } else {
            rest.push((index, path, bytes));
        }
    }
    let spec = tree.map(Spec::new);
    let role = match &spec {
        Some(spec) => Role::Tree(spec),
        None => Role::Unreadable,
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rest.len())
        .max(1);
    let queue = std::sync::Mutex::new(rest.into_iter());
    let read: Vec<(usize, bool, SourceFile, FileContent, Vec<Diagnostic>)> =
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        loop {
                            // The lock is held only to take the next file.
                            let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                            let Some((index, path, bytes)) = next else {
                                break;
                            };
                            let bytes = bytes.read(&path);
                            let (source, content, found, _) =
                                read_file(path, bytes, FileId(index as u32), role);
                            mine.push((index, false, source, content, found));
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| {
                    h.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
    done.extend(read);
    done.sort_by_key(|(index, ..)| *index);
    let mut sources = Sources::default();
    let mut parts = Vec::with_capacity(count);
    for (_, is_contract_file, source, content, found) in done {
        sources.add(source);
        diagnostics.extend(found);
        parts.push((is_contract_file, content));
    }
    let tree = spec.map(|s| s.tree);
    let contract = assemble(folder, parts, tree, &mut diagnostics);
    Loaded {
        contract,
        sources,
        diagnostics,
    }
}

/// How to read a file.
#[derive(Clone, Copy)]
enum Role<'s> {
    /// As `contrat.toml`.
    Contract,
    /// As a file of the tree this spec describes.
    Tree(&'s Spec),
    /// A file of a tree whose declaration cannot be used: decoded, not read.
    Unreadable,
}

impl Bytes {
    fn read(self, path: &Path) -> Result<Vec<u8>, String> {
        match self {
            Bytes::OnDisk => read_bytes(path),
            Bytes::InMemory(bytes) => Ok(bytes),
            Bytes::Unreadable(reason) => Err(reason),
        }
    }
}

/// The finding of a folder without `contrat.toml`, pointing at the contract
/// folders found below it, if any.
fn missing_contract_file(folder: &Path, below: &[PathBuf]) -> Diagnostic {
    let help = match below {
        [] => format!(
            "create `{}` with `title`, `territory` and `period` (see docs/FORMAT.md), point --contract at the contract folder, or start one with `contrat init DIR --territory NAME`",
            folder.join(CONTRACT_FILE).display()
        ),
        [one] => format!("did you mean `--contract {}`?", one.display()),
        many => format!(
            "the contract folders below are: {}; name one with --contract",
            many.iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::in_folder(
        Rule::MissingContractFile,
        folder.to_owned(),
        format!("no `{CONTRACT_FILE}` in `{}`", folder.display()),
    )
    .help(help)
}

/// Folders below `folder` (three levels at most, hidden ones and build
/// output skipped) that hold a `contrat.toml`: what the user may have meant.
fn contracts_below(folder: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = WalkDir::new(folder)
        .max_depth(4)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name == "target" || name == "node_modules")
        })
        .filter_map(Result::ok)
        .filter(|e| e.depth() > 1 && e.file_name() == CONTRACT_FILE && e.file_type().is_file())
        .filter_map(|e| e.path().parent().map(Path::to_owned))
        .collect();
    found.truncate(8);
    found
}

/// The `.toml` files of the folder in name order, skipping hidden entries.
/// Links are followed while they stay inside the folder; a link out of it, a
/// link loop or a folder named `*.toml` is a finding.
fn walk(folder: &Path) -> Vec<Entry> {
    let mut entries = Vec::new();
    // A link may lead anywhere, `/proc/self/environ` say: a file outside the
    // folder is never opened, so none of its bytes can reach a message.
    let root = folder.canonicalize().unwrap_or_else(|_| folder.to_owned());
    let outside = |path: &Path| -> Option<PathBuf> {
        match path.canonicalize() {
            Ok(real) if !real.starts_with(&root) => Some(real),
            _ => None,
        }
    };
    let outside_problem = |path: &Path, real: &Path, what: &str| {
        Entry::unreadable(
            path,
            format!(
                "`{}` is a symbolic link to {what}`{}`, outside the contract folder: it is not read",
                path.display(),
                real.display()
            ),
            "replace the link by the file itself: every file of the contract lives in its folder",
        )
    };
    let mut it = WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(folder).to_owned();
                let (message, help) = match err.loop_ancestor() {
                    Some(ancestor) => (
                        format!(
                            "symbolic link loop: `{}` leads back to `{}`",
                            path.display(),
                            ancestor.display()
                        ),
                        "remove the link, or point it outside the contract folder",
                    ),
                    None => (
                        format!("cannot read `{}`: {}", path.display(), io_reason(&err)),
                        "check that the path exists and can be read",
                    ),
                };
                entries.push(Entry::unreadable(&path, message, help));
                continue;
            }
        };
        let is_toml = entry.path().extension().is_some_and(|e| e == "toml");
        if entry.file_type().is_dir() {
            if entry.depth() > 0
                && entry.path_is_symlink()
                && let Some(real) = outside(entry.path())
            {
                it.skip_current_dir();
                entries.push(outside_problem(entry.path(), &real, "the folder "));
                continue;
            }
            if is_toml && entry.depth() > 0 {
                it.skip_current_dir();
                entries.push(Entry::unreadable(
                    entry.path(),
                    format!("`{}` is a folder, not a TOML file", entry.path().display()),
                    "rename the folder, or move it out of the contract folder",
                ));
            }
            continue;
        }
        if !is_toml {
            continue;
        }
        if let Some(real) = outside(entry.path()) {
            entries.push(outside_problem(entry.path(), &real, ""));
            continue;
        }
        if !entry.file_type().is_file() {
            // A named pipe or a device would block or never end: never open one.
            entries.push(Entry::unreadable(
                entry.path(),
                format!("`{}` is not a regular file", entry.path().display()),
                "a contract file is a plain text file; remove this one from the folder",
            ));
            continue;
        }
        entries.push(Entry::File {
            path: entry.path().to_owned(),
            is_contract_file: entry.depth() == 1 && entry.file_name() == CONTRACT_FILE,
        });
    }
    entries
}

fn io_reason(err: &walkdir::Error) -> String {
    err.io_error()
        .map_or_else(|| err.to_string(), ToString::to_string)
}

/// What reading a file gives: its text, what it holds, the findings, and
/// for the contract file the tree it declares (`None` if unusable).
type FileRead = (SourceFile, FileContent, Vec<Diagnostic>, Option<Tree>);

/// A file whose bytes could not be read as text: broken, and, as nothing
/// of it is known, one that may hold entries of the tree.
fn undecoded(source: SourceFile, found: Vec<Diagnostic>) -> FileRead {
    let content = FileContent::Broken {
        may_hold_tree: true,
    };
    (source, content, found, Some(Tree::default()))
}

/// Decodes, parses and interprets one file.
fn read_file(path: PathBuf, bytes: Result<Vec<u8>, String>, id: FileId, role: Role) -> FileRead {
    let mut found = Vec::new();
    let mut bytes = match bytes {
        Ok(bytes) => bytes,
        Err(reason) => {
            found.push(
                Diagnostic::in_file(
                    Rule::UnreadableFile,
                    id,
                    format!("cannot read `{}`: {reason}", path.display()),
                )
                .help("check the file's permissions, or move it out of the contract folder"),
            );
            let source = SourceFile {
                path,
                text: String::new(),
            };
            return undecoded(source, found);
        }
    };
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let bytes = err.as_bytes();
            let err = err.utf8_error();
            let text = String::from_utf8_lossy(bytes).into_owned();
            // Lossy decoding keeps every valid byte before the first bad one.
            let at = err.valid_up_to();
            let utf16 = bytes.starts_with(b"\xFE\xFF")
                || bytes.starts_with(b"\xFF\xFE")
                || looks_like_utf16(bytes);
            let help = if utf16 {
                "the file looks like UTF-16: save it as UTF-8"
            } else {
                "save the file as UTF-8 (a TOML file must be UTF-8)"
            };
            let end = (at + 3).min(text.len());
            let end = (at + 1..=end)
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            found.push(
                Diagnostic::at(Rule::Syntax, Span::new(id, at..end), "invalid UTF-8")
                    .label("not UTF-8")
                    .help(help),
            );
            let source = SourceFile { path, text };
            return undecoded(source, found);
        }
    };
    let (content, diagnostics, tree) = interpret(&text, id, role);
    found.extend(diagnostics);
    let source = SourceFile { path, text };
    (source, content, found, tree)
}

/// UTF-16 text of mostly ASCII has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64) & !1];
    let pairs = head.len() / 2;
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    pairs >= 2 && (nul_at(0) * 4 >= pairs * 3 || nul_at(1) * 4 >= pairs * 3)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    crate::input::read_bounded(path, crate::input::CONTRACT_FILE_LIMIT, "the contract file")
        .map_err(|e| e.reason.to_string())
}

/// Parses a file's text and reads it as the contract file or a file of the
/// tree.
fn interpret(text: &str, id: FileId, role: Role) -> (FileContent, Vec<Diagnostic>, Option<Tree>) {
    let builtin = Spec::builtin();
    let spec = match role {
        Role::Tree(spec) => spec,
        Role::Contract | Role::Unreadable => builtin,
    };
    let (document, errors) = DeTable::parse_recoverable(text);
    let mut r = Reader::new(id, &spec.tree);
    // One leading byte-order mark was dropped when reading; the parser would
    // silently drop a second one, which TOML does not allow.
    if text.starts_with('\u{feff}') {
        r.push(
            Diagnostic::at(
                Rule::Syntax,
                Span::new(id, 0..3),
                "byte-order mark after the start of the file",
            )
            .label("a second byte-order mark")
            .help("remove the invisible U+FEFF character"),
        );
    }
    for err in errors.iter().take(MAX_SYNTAX_ERRORS) {
        let span = err.span().unwrap_or(0..0);
        r.push(
            Diagnostic::at(Rule::Syntax, Span::new(id, span), "invalid TOML")
                .label(err.message().to_owned())
                .help("fix the TOML syntax; see https://toml.io"),
        );
    }
    if errors.len() > MAX_SYNTAX_ERRORS {
        let more = errors.len() - MAX_SYNTAX_ERRORS;
        r.push(Diagnostic::in_file(
            Rule::Syntax,
            id,
            format!(
                "{more} more syntax errors in this file, most of them following from the first ones"
            ),
        ));
    }
    check_numbers(&mut r, document.get_ref());
    let entries = document.get_ref();
    if !r.diagnostics.is_empty() || matches!(role, Role::Unreadable) {
        let may_hold_tree = spec.tree_keys().any(|key| entries.contains_key(key))
            || matches!(role, Role::Unreadable);
        return (
            FileContent::Broken { may_hold_tree },
            r.diagnostics,
            Some(Tree::default()),
        );
    }

    // A missing key of the file is shown at its top-level key's line, or
    // else at its first key: the top of the file is often a comment.
    let top_key = spec.tree.top().key.as_str();
    let root_span = entries
        .get_key_value(top_key)
        .map(|(k, _)| k.span())
        .or_else(|| entries.keys().map(|k| k.span()).min_by_key(|s| s.start))
        .unwrap_or(0..0);
    match role {
        Role::Contract => {
            // The tree first, read as every contract file may write it; then
            // the whole file, as that tree says.
            let root = Table {
                entries,
                span: root_span.clone(),
                spec: builtin.file(FileKind::Contract),
            };
            let tree = contract_file::read_tree(&mut r, &root);
            let declared = Spec::new(tree.clone().unwrap_or_default());
            let mut whole = Reader::new(id, &declared.tree);
            let root = Table {
                entries,
                span: root_span,
                spec: declared.file(FileKind::Contract),
            };
            let part = contract_file::read(&mut whole, &root);
            let mut found = r.diagnostics;
            found.extend(whole.diagnostics);
            (FileContent::Contract(Box::new(part)), found, tree)
        }
        Role::Tree(spec) => {
            let root = Table {
                entries,
                span: root_span,
                spec: spec.file(FileKind::Pilier),
            };
            let content = if root.get(top_key).is_none() {
                r.push(
                    Diagnostic::at(
                        Rule::MissingKey,
                        r.span(root.span.clone()),
                        format!("a file of the contract folder has no `{top_key}`"),
                    )
                    .label("not a file of the tree")
                    .help(format!(
                        "add `{}` at the top, or move the file out of the folder (only `{CONTRACT_FILE}` and the files of the tree belong in it)",
                        spec.file(FileKind::Pilier)
                            .key(top_key)
                            .map_or_else(|| format!("{top_key} = …"), |k| k.example.to_string())
                    )),
                );
                FileContent::Stray
            } else {
                match pilier_file::read(&mut r, &root) {
                    Some(part) => FileContent::Pilier(Box::new(part)),
                    None => FileContent::Broken {
                        may_hold_tree: true,
                    },
                }
            };
            (content, r.diagnostics, None)
        }
        // Read as broken above; here for completeness.
        Role::Unreadable => (
            FileContent::Broken {
                may_hold_tree: true,
            },
            r.diagnostics,
            None,
        ),
    }
}

/// TOML parsers keep integer and float literals as text until used. A literal
/// that no 64-bit number can hold is a syntax error wherever it stands.
fn check_numbers(r: &mut Reader, table: &DeTable<'_>) {
    for (_, value) in table.iter() {
        check_number(r, value);
    }
}

fn check_number(r: &mut Reader, value: &toml::Spanned<DeValue<'_>>) {
    match value.get_ref() {
        DeValue::Integer(int) => {
            if i64::from_str_radix(int.as_str(), int.radix()).is_err() {
                let digits = int.as_str().trim_start_matches(['+', '-']);
                let overflow =
                    !digits.is_empty() && digits.chars().all(|c| c.is_digit(int.radix()));
                let (label, help) = if overflow {
                    (
                        "does not fit in 64 bits",
                        "integers run from -9223372036854775808 to 9223372036854775807",
                    )
                } else {
                    (
                        "not an integer",
                        "write the integer with digits only, such as `2023` or `0x1F`",
                    )
                };
                r.push(
                    Diagnostic::at(Rule::Syntax, r.span(value.span()), "invalid integer")
                        .label(label)
                        .help(help),
                );
            }
        }
        DeValue::Float(float) => {
            if float.as_str().parse::<f64>().is_err() {
                r.push(
                    Diagnostic::at(Rule::Syntax, r.span(value.span()), "invalid number")
                        .label("not a number")
                        .help("write a decimal number such as `8000.50`"),
                );
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                check_number(r, item);
            }
        }
        DeValue::Table(table) => check_numbers(r, table),
        DeValue::String(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {}
    }
}

/// Puts the files' parts together: one contract file, one file per
/// top-level entry. `tree` is `None` when the declared tree cannot be used.
fn assemble(
    folder: &Path,
    parts: Vec<(bool, FileContent)>,
    tree: Option<Tree>,
    diagnostics: &mut Diagnostics,
) -> Contract {
    // What the contract file gives is the base the tree files add to.
    let mut parts = parts;
    let base = parts
        .iter()
        .position(|(_, content)| matches!(content, FileContent::Contract(_)))
        .map(|i| parts.remove(i).1);
    let contract_file = base.is_some();
    let mut contract = match base {
        Some(FileContent::Contract(read)) => *read,
        _ => Contract::default(),
    };
    contract.folder = folder.to_owned();
    contract.complete = Completeness {
        contract_file,
        pilier_files: tree.is_some(),
        broken_files: tree.is_none(),
    };
    contract.tree = tree.unwrap_or_default();
    let mut broken_contract_file = false;
    let mut top_files: Vec<(Code, Span)> = Vec::new();
    for (is_contract_file, content) in parts {
        match content {
            FileContent::Stray => {}
            // A broken file leaves a hole: reference checks must not report
            // as unknown what the hole would hold.
            FileContent::Broken { .. } if is_contract_file => {
                broken_contract_file = true;
                contract.complete.broken_files = true;
            }
            FileContent::Broken { may_hold_tree } => {
                contract.complete.pilier_files &= !may_hold_tree;
                contract.complete.broken_files |= may_hold_tree;
            }
            // Taken above as the base.
            FileContent::Contract(_) => {}
            FileContent::Pilier(part) => {
                let code = *part.top.code;
                let span = part.top.code.span;
                if let Some((_, first)) = top_files.iter().find(|(c, _)| *c == code) {
                    let what = contract.tree.name(code.kind());
                    diagnostics.push(
                        Diagnostic::at(
                            Rule::DuplicateFile,
                            span,
                            format!("a second file for {code}"),
                        )
                        .label(format!("{what} declared again here"))
                        .related(*first, "first declared here")
                        .help(format!(
                            "keep one file per {what}: merge the two files (this one is not read)"
                        )),
                    );
                    continue;
                }
                top_files.push((code, span));
                contract.nodes.push(part.top);
                contract.nodes.extend(part.nodes);
                contract.actions.extend(part.actions);
                contract.themes.extend(part.themes);
                contract.skipped.codes.extend(part.skipped.codes);
                contract.skipped.action_ids.extend(part.skipped.action_ids);
                contract
                    .skipped
                    .partial_actions
                    .extend(part.skipped.partial_actions);
            }
        }
    }
    if !contract.complete.contract_file && !broken_contract_file {
        diagnostics.push(missing_contract_file(folder, &[]));
    }
    contract.finish();
    contract
}
