//! The embedded Oxigraph store, persisted in a store directory.
//!
//! Two kinds, recognised from the directory's `STORE` marker:
//! - `files` (default build): Oxigraph's in-memory store, persisted as standard RDF — one
//!   N-Quads file per document graph under `graphs/`, plus `reference.nq` and `links.nq` —
//!   each written atomically (temp file, fsync, rename, fsync of the directory) and all loaded
//!   on open. A crash leaves every document file whole or absent.
//! - `rocksdb` (cargo feature `rocksdb`): Oxigraph's RocksDB storage under `rocksdb/`, one
//!   transaction per document, for archives too large to load at start.
//!
//! Writers take an exclusive lock on `lock`; a second writer fails at once with a clear
//! message instead of interleaving. Only this module touches storage; it does no extraction.

pub mod link;
pub mod officials;

/// At most this many rounds of renaming per refresh of the links.
const ALIAS_ROUNDS: usize = 4;

use crate::extract::Extraction;
use crate::knowledge::Knowledge;
use crate::rdf;
use crate::vocab::{self, dg};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {0} is locked by another diplograph process (an ingest or a server); wait for it to finish")]
    Locked(PathBuf),
    #[error("{0} is not a diplograph store (no STORE marker, and the directory is not empty)")]
    NotAStore(PathBuf),
    #[error("store {0} does not exist; ingest documents into it first")]
    Missing(PathBuf),
    #[error("store {path} uses {kind} storage, which this build does not include; rebuild with `cargo build --release --features rocksdb`")]
    UnsupportedKind { path: PathBuf, kind: String },
    #[error("store {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("store {path}: damaged file: {message}")]
    Damaged { path: PathBuf, message: String },
    #[error("oxigraph: {0}")]
    Oxigraph(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn ox<E: std::fmt::Display>(e: E) -> StoreError {
    StoreError::Oxigraph(e.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Files,
    RocksDb,
    Memory,
}

impl Kind {
    /// The name in the STORE marker ("files", "rocksdb").
    pub fn marker(self) -> &'static str {
        match self {
            Kind::Files => "files",
            Kind::RocksDb => "rocksdb",
            Kind::Memory => "memory",
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreReport {
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
    /// The dump's reference graph is not this binary's (it was made by another version).
    pub reference_differs: bool,
}

/// What adding one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    New,
    /// A new version of a source already in the store replaced the old one.
    Replaced,
    /// The same content was already there.
    Unchanged,
}

pub struct DiploStore {
    pub store: Store,
    kind: Kind,
    dir: Option<PathBuf>,
    _lock: Option<File>,
    /// What documents added or replaced since the links were last refreshed touched.
    touched: link::Touched,
}

const MARKER: &str = "STORE";

impl DiploStore {
    /// A scratch store in memory, with the reference data; nothing is saved.
    pub fn memory() -> Result<Self, StoreError> {
        let store = Store::new().map_err(ox)?;
        store
            .extend(Knowledge::get().reference.iter().cloned())
            .map_err(ox)?;
        Ok(DiploStore {
            store,
            kind: Kind::Memory,
            dir: None,
            _lock: None,
            touched: Default::default(),
        })
    }

    /// Open an existing store to read.
    pub fn open_read(dir: &Path) -> Result<Self, StoreError> {
        let kind = read_marker(dir)?.ok_or_else(|| StoreError::Missing(dir.to_path_buf()))?;
        Self::open_kind(dir, kind, None)
    }

    /// Open (creating if needed) a store to write, holding its lock until dropped.
    pub fn open_write(dir: &Path) -> Result<Self, StoreError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let lock_path = dir.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Err(StoreError::Locked(dir.to_path_buf())),
            Err(fs::TryLockError::Error(e)) => return Err(io_err(&lock_path)(e)),
        }
        let kind = match read_marker(dir)? {
            Some(kind) => kind,
            None => {
                // A crash while the marker was being written leaves its temp file behind.
                let only_lock = fs::read_dir(dir)
                    .map_err(io_err(dir))?
                    .filter_map(Result::ok)
                    .all(|e| e.file_name() == "lock" || is_temp(&e.path()));
                if !only_lock {
                    return Err(StoreError::NotAStore(dir.to_path_buf()));
                }
                let kind = if cfg!(feature = "rocksdb") {
                    Kind::RocksDb
                } else {
                    Kind::Files
                };
                write_atomic(
                    &dir.join(MARKER),
                    format!("diplograph store\nkind = {}\nversion = 1\n", kind.marker()).as_bytes(),
                )?;
                kind
            }
        };
        if kind == Kind::Files {
            recover_files(dir)?;
        }
        let mut s = Self::open_kind(dir, kind, Some(lock))?;
        s.ensure_reference()?;
        if kind == Kind::Files && !links_fresh(dir)? {
            s.refresh_all_links()?;
        }
        Ok(s)
    }

    fn open_kind(dir: &Path, kind: Kind, lock: Option<File>) -> Result<Self, StoreError> {
        let store = match kind {
            Kind::Files => load_files(dir)?,
            Kind::RocksDb => open_rocksdb(dir, lock.is_some())?,
            Kind::Memory => Store::new().map_err(ox)?,
        };
        Ok(DiploStore {
            store,
            kind,
            dir: Some(dir.to_path_buf()),
            _lock: lock,
            touched: Default::default(),
        })
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Keep the reference graph equal to this binary's reference data.
    fn ensure_reference(&mut self) -> Result<(), StoreError> {
        let reference = &Knowledge::get().reference;
        let graph = vocab::reference_graph();
        match self.kind {
            Kind::Files => {
                if let Some(dir) = &self.dir {
                    let bytes = nquads(reference)?;
                    let path = dir.join("reference.nq");
                    if fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
                        write_atomic(&path, &bytes)?;
                    }
                }
            }
            Kind::RocksDb => {
                let count = self
                    .store
                    .quads_for_pattern(
                        None,
                        None,
                        None,
                        Some(GraphNameRef::NamedNode(graph.as_ref())),
                    )
                    .count();
                if count != reference.len() {
                    let mut t = self.store.start_transaction().map_err(ox)?;
                    t.clear_graph(graph.as_ref()).map_err(ox)?;
                    t.extend(reference.iter());
                    t.commit().map_err(ox)?;
                }
            }
            Kind::Memory => {}
        }
        Ok(())
    }

    /// Graphs of documents read from `source` (a path or URL).
    fn graphs_of_source(&self, source: &str) -> Result<Vec<NamedNode>, StoreError> {
        let q = format!(
            "SELECT DISTINCT ?g ?s WHERE {{ GRAPH ?g {{ ?g <{}source> ?s }} }}",
            vocab::DG
        );
        let mut prepared = SparqlEvaluator::new().parse_query(&q).map_err(ox)?;
        prepared = prepared.substitute_variable(
            oxigraph::sparql::Variable::new_unchecked("s"),
            Literal::new_simple_literal(source),
        );
        let mut out = Vec::new();
        if let QueryResults::Solutions(solutions) =
            prepared.on_store(&self.store).execute().map_err(ox)?
        {
            for s in solutions {
                if let Some(Term::NamedNode(g)) = s.map_err(ox)?.get("g") {
                    out.push(g.clone());
                }
            }
        }
        Ok(out)
    }

    /// Add one document's graph: unchanged if the same content is there, replacing an older
    /// version of the same source. One document is atomic.
    pub fn add_document(&mut self, ex: &Extraction) -> Result<Added, StoreError> {
        let graph = rdf::document_iri(&ex.content_hash);
        if self
            .store
            .contains_named_graph(NamedOrBlankNode::NamedNode(graph.clone()).as_ref())
            .map_err(ox)?
        {
            return Ok(Added::Unchanged);
        }
        self.add_graph(graph, &ex.source, rdf::document_quads(ex))
    }

    /// Add one document graph given as quads (from an extraction or a dump being restored).
    fn add_graph(
        &mut self,
        graph: NamedNode,
        source: &str,
        quads: Vec<Quad>,
    ) -> Result<Added, StoreError> {
        if self
            .store
            .contains_named_graph(NamedOrBlankNode::NamedNode(graph.clone()).as_ref())
            .map_err(ox)?
        {
            return Ok(Added::Unchanged);
        }
        let old: Vec<NamedNode> = self
            .graphs_of_source(source)?
            .into_iter()
            .filter(|g| *g != graph)
            .collect();
        self.note_graphs(&old)?;
        self.touched.note(&quads);
        match self.kind {
            Kind::Files => {
                let dir = self.dir.clone().expect("file stores have a directory");
                let graphs = dir.join("graphs");
                fs::create_dir_all(&graphs).map_err(io_err(&graphs))?;
                // A replacement is two steps on disk (write the new graph, remove the old). The
                // intent written first lets an open after a crash between them finish the
                // replacement instead of keeping both versions of the source.
                let intent = intent_file(&dir, &graph);
                if !old.is_empty() {
                    let keys: Vec<&str> = old.iter().map(graph_key).collect();
                    write_atomic(&intent, keys.join("\n").as_bytes())?;
                }
                write_atomic(&graph_file(&dir, &graph), &nquads(&quads)?)?;
                for g in &old {
                    let f = graph_file(&dir, g);
                    match fs::remove_file(&f) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(io_err(&f)(e)),
                    }
                }
                sync_dir(&graphs)?;
                if !old.is_empty() {
                    remove_if_present(&intent)?;
                    sync_dir(&graphs)?;
                }
                let mut t = self.store.start_transaction().map_err(ox)?;
                for g in &old {
                    t.remove_named_graph(g.as_ref()).map_err(ox)?;
                }
                t.extend(quads.iter());
                t.commit().map_err(ox)?;
            }
            Kind::RocksDb | Kind::Memory => {
                let mut t = self.store.start_transaction().map_err(ox)?;
                for g in &old {
                    t.remove_named_graph(g.as_ref()).map_err(ox)?;
                }
                t.extend(quads.iter());
                t.commit().map_err(ox)?;
            }
        }
        Ok(if old.is_empty() {
            Added::New
        } else {
            Added::Replaced
        })
    }

    /// A stager for this store's document files (does nothing for stores without files).
    pub fn stager(&self) -> Stager {
        Stager {
            graphs: match (self.kind, &self.dir) {
                (Kind::Files, Some(dir)) => Some(dir.join("graphs")),
                _ => None,
            },
        }
    }

    /// Add documents in order, as if one by one with [`Self::add_document`], but inserting
    /// into the store in one transaction per run of documents that do not touch each other's
    /// source or graph. Each document's N-Quads file is still written atomically on its own
    /// before its quads reach the store, so a crash leaves whole documents.
    pub fn add_batch(&mut self, docs: &[Prepared]) -> Result<Vec<Added>, StoreError> {
        let mut out = Vec::with_capacity(docs.len());
        // Documents written to disk but not yet in the store, with the graphs they replace.
        let mut pending: Vec<(&Prepared, Vec<NamedNode>)> = Vec::new();
        for d in docs {
            if pending
                .iter()
                .any(|(p, _)| p.graph == d.graph || p.source == d.source)
            {
                self.commit_pending(&mut pending)?;
            }
            if self
                .store
                .contains_named_graph(NamedOrBlankNode::NamedNode(d.graph.clone()).as_ref())
                .map_err(ox)?
            {
                out.push(Added::Unchanged);
                continue;
            }
            let old: Vec<NamedNode> = self
                .graphs_with_source(&d.source)?
                .into_iter()
                .filter(|g| *g != d.graph)
                .collect();
            self.note_graphs(&old)?;
            self.touched.note(&d.quads);
            if self.kind == Kind::Files {
                let dir = self.dir.clone().expect("file stores have a directory");
                let graphs = dir.join("graphs");
                fs::create_dir_all(&graphs).map_err(io_err(&graphs))?;
                let path = graph_file(&dir, &d.graph);
                match &d.staged {
                    // Written and synced by a worker; the directory is synced once per run.
                    Some(tmp) => fs::rename(tmp, &path).map_err(io_err(&path))?,
                    None => write_atomic(&path, &d.nquads)?,
                }
                for g in &old {
                    let f = graph_file(&dir, g);
                    match fs::remove_file(&f) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => return Err(io_err(&f)(e)),
                    }
                }
                if !old.is_empty() {
                    sync_dir(&graphs)?;
                }
            }
            out.push(if old.is_empty() {
                Added::New
            } else {
                Added::Replaced
            });
            pending.push((d, old));
        }
        self.commit_pending(&mut pending)?;
        Ok(out)
    }

    fn commit_pending(
        &mut self,
        pending: &mut Vec<(&Prepared, Vec<NamedNode>)>,
    ) -> Result<(), StoreError> {
        if pending.is_empty() {
            return Ok(());
        }
        if pending.iter().any(|(d, _)| d.staged.is_some()) {
            if let Some(dir) = &self.dir {
                // The renames of staged files reach the disk before their quads reach the store.
                sync_dir(&dir.join("graphs"))?;
            }
        }
        // RocksDB: a batch that only adds new documents goes through Oxigraph's bulk loader,
        // which writes sorted files and makes them visible in one commit (so each document is
        // still all there or not at all) and skips the per-quad reads of a transaction: several
        // times faster. A batch that replaces a document needs the transaction, so the old
        // version and the new one swap atomically.
        #[cfg(feature = "rocksdb")]
        if self.kind == Kind::RocksDb && pending.iter().all(|(_, old)| old.is_empty()) {
            let mut loader = self.store.bulk_loader();
            loader
                .load_quads(pending.iter().flat_map(|(d, _)| d.quads.iter().cloned()))
                .map_err(ox)?;
            loader.commit().map_err(ox)?;
            pending.clear();
            return Ok(());
        }
        let mut t = self.store.start_transaction().map_err(ox)?;
        for (d, old) in pending.iter() {
            for g in old {
                t.remove_named_graph(g.as_ref()).map_err(ox)?;
            }
            t.extend(d.quads.iter());
        }
        t.commit().map_err(ox)?;
        pending.clear();
        Ok(())
    }

    /// Record what the graphs `graphs` (about to be removed or rewritten) name, so the links
    /// of those nodes are recomputed.
    fn note_graphs(&mut self, graphs: &[NamedNode]) -> Result<(), StoreError> {
        for g in graphs {
            let quads = self.graph_quads(g)?;
            self.touched.note(&quads);
        }
        Ok(())
    }

    /// The quads of one graph.
    fn graph_quads(&self, graph: &NamedNode) -> Result<Vec<Quad>, StoreError> {
        self.store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<_, _>>()
            .map_err(ox)
    }

    /// Graphs whose document node has this source, by index lookup (no query parsing).
    fn graphs_with_source(&self, source: &str) -> Result<Vec<NamedNode>, StoreError> {
        let p = dg("source");
        let o = Term::Literal(Literal::new_simple_literal(source));
        let mut out = Vec::new();
        for q in self
            .store
            .quads_for_pattern(None, Some(p.as_ref()), Some(o.as_ref()), None)
        {
            let q = q.map_err(ox)?;
            if let (NamedOrBlankNode::NamedNode(s), oxigraph::model::GraphName::NamedNode(g)) =
                (&q.subject, &q.graph_name)
            {
                if s == g && !out.contains(g) {
                    out.push(g.clone());
                }
            }
        }
        Ok(out)
    }

    /// Load an N-Quads dump (from `export --format nquads`) into this store: every document
    /// graph is added as ingest adds it, each atomic; the reference graph is checked against
    /// this binary's and the links are recomputed. Refuses dumps with quads outside these graphs.
    pub fn restore(&mut self, dump: &[u8]) -> Result<RestoreReport, StoreError> {
        let mut graphs: std::collections::BTreeMap<NamedNode, Vec<Quad>> = Default::default();
        for q in RdfParser::from_format(RdfFormat::NQuads).for_slice(dump) {
            let q = q.map_err(|e| StoreError::Oxigraph(format!("not an N-Quads dump: {e}")))?;
            let GraphName::NamedNode(g) = &q.graph_name else {
                return Err(StoreError::Oxigraph(format!(
                    "not a diplograph dump: a quad outside any document graph: {q}"
                )));
            };
            graphs.entry(g.clone()).or_default().push(q);
        }
        let reference = vocab::reference_graph();
        let links = vocab::links_graph();
        let source_p = dg("source");
        let mut report = RestoreReport::default();
        for (g, quads) in graphs {
            if g == links {
                continue; // recomputed below from the documents
            }
            if g == reference {
                let mut ours = nquads(&Knowledge::get().reference)?;
                let mut theirs = nquads(&quads)?;
                ours.retain(|b| *b != b'\r');
                theirs.retain(|b| *b != b'\r');
                report.reference_differs = ours != theirs;
                continue;
            }
            let key = graph_key(&g);
            if !g.as_str().starts_with(&format!("{}doc/", vocab::ID))
                || key.is_empty()
                || !key.bytes().all(|b| b.is_ascii_alphanumeric())
            {
                return Err(StoreError::Oxigraph(format!(
                    "not a diplograph dump: graph {g} is not a document graph"
                )));
            }
            let source = quads
                .iter()
                .find(|q| {
                    q.predicate == source_p && q.subject == NamedOrBlankNode::NamedNode(g.clone())
                })
                .and_then(|q| match &q.object {
                    Term::Literal(l) => Some(l.value().to_string()),
                    _ => None,
                })
                .ok_or_else(|| {
                    StoreError::Oxigraph(format!(
                        "not a diplograph dump: graph {g} is not a document (no dg:source)"
                    ))
                })?;
            if self
                .store
                .contains_named_graph(NamedOrBlankNode::NamedNode(g.clone()).as_ref())
                .map_err(ox)?
            {
                report.unchanged += 1;
                continue;
            }
            match self.add_graph(g, &source, quads)? {
                Added::New => report.new += 1,
                Added::Replaced => report.replaced += 1,
                Added::Unchanged => report.unchanged += 1,
            }
        }
        self.refresh_links()?;
        self.flush()?;
        Ok(report)
    }

    /// Recompute the links across documents after documents were added or replaced: the
    /// renamings and links of the people, events and series those documents touched (see
    /// [`link::Touched`]), or of the whole store when they are a large part of it. The result
    /// is the same as [`Self::refresh_all_links`]'s. Returns the links graph's size.
    pub fn refresh_links(&mut self) -> Result<usize, StoreError> {
        if self.touched.is_empty() {
            return self.links_len();
        }
        // Scoped lookups pay per node they look at; when the change is a large part of the
        // store, one pass over all of it is cheaper.
        if self.touched.graphs * 2 > self.document_count()? {
            return self.refresh_all_links();
        }
        let mut touched = std::mem::take(&mut self.touched);
        for _ in 0..ALIAS_ROUNDS {
            let aliases = link::aliases_of(&self.store, &touched).map_err(ox)?;
            if aliases.is_empty() {
                break;
            }
            touched.extend(self.apply_aliases(&aliases)?);
        }
        let before = self.graph_quads(&vocab::links_graph())?;
        let links = link::updated(&self.store, &touched, &before).map_err(ox)?;
        self.save_links(&links)
    }

    /// Recompute every link across documents from the whole store and save them.
    pub fn refresh_all_links(&mut self) -> Result<usize, StoreError> {
        self.touched = Default::default();
        // Renaming can make more renamings possible (a short name whose two holders became
        // one node), so rename until nothing changes: the same store whether its documents
        // came in one ingest or in many. A few rounds suffice; the bound is a safeguard.
        for _ in 0..ALIAS_ROUNDS {
            let aliases = link::aliases(&self.store).map_err(ox)?;
            if aliases.is_empty() {
                break;
            }
            self.apply_aliases(&aliases)?;
        }
        let links = link::compute(&self.store).map_err(ox)?;
        self.save_links(&links)
    }

    /// The size of the links graph.
    fn links_len(&self) -> Result<usize, StoreError> {
        Ok(self.graph_quads(&vocab::links_graph())?.len())
    }

    /// Replace the links graph with `links`, in the store and in `links.nq`.
    fn save_links(&mut self, links: &[Quad]) -> Result<usize, StoreError> {
        let graph = vocab::links_graph();
        let mut t = self.store.start_transaction().map_err(ox)?;
        t.clear_graph(graph.as_ref()).map_err(ox)?;
        t.extend(links.iter());
        t.commit().map_err(ox)?;
        if self.kind == Kind::Files {
            if let Some(dir) = &self.dir {
                let mut bytes =
                    format!("{LINKS_KEY}{}\n", documents_key(&document_files(dir)?)).into_bytes();
                bytes.extend(nquads(links)?);
                write_atomic(&dir.join("links.nq"), &bytes)?;
            }
        }
        Ok(links.len())
    }

    /// Rename nodes in every document graph that uses them (see [`link::aliases`]);
    /// each graph is rewritten as a whole, atomically, like an ingest.
    /// Returns what the rewritten graphs name, before and after.
    fn apply_aliases(
        &mut self,
        aliases: &[(NamedNode, NamedNode)],
    ) -> Result<link::Touched, StoreError> {
        let mut touched = link::Touched::default();
        let map: std::collections::HashMap<&NamedNode, &NamedNode> =
            aliases.iter().map(|(from, to)| (from, to)).collect();
        let rename = |t: &Term| -> Option<Term> {
            match t {
                Term::NamedNode(n) => map.get(n).map(|to| Term::NamedNode((*to).clone())),
                _ => None,
            }
        };
        let mut graphs: Vec<NamedNode> = Vec::new();
        for (from, _) in aliases {
            for q in self
                .store
                .quads_for_pattern(Some(from.as_ref().into()), None, None, None)
            {
                if let GraphName::NamedNode(g) = q.map_err(ox)?.graph_name {
                    graphs.push(g);
                }
            }
            for q in self
                .store
                .quads_for_pattern(None, None, Some(from.as_ref().into()), None)
            {
                if let GraphName::NamedNode(g) = q.map_err(ox)?.graph_name {
                    graphs.push(g);
                }
            }
        }
        graphs.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        graphs.dedup();
        for g in graphs {
            let old = self.graph_quads(&g)?;
            let new: Vec<Quad> = old
                .iter()
                .map(|q| {
                    let subject = match rename(&q.subject.clone().into()) {
                        Some(Term::NamedNode(n)) => n.into(),
                        _ => q.subject.clone(),
                    };
                    let object = rename(&q.object).unwrap_or_else(|| q.object.clone());
                    Quad::new(subject, q.predicate.clone(), object, q.graph_name.clone())
                })
                .collect();
            if self.kind == Kind::Files {
                if let Some(dir) = &self.dir {
                    write_atomic(&graph_file(dir, &g), &nquads(&new)?)?;
                }
            }
            let mut t = self.store.start_transaction().map_err(ox)?;
            t.clear_graph(g.as_ref()).map_err(ox)?;
            t.extend(new.iter());
            t.commit().map_err(ox)?;
            touched.note(&old);
            touched.note(&new);
        }
        Ok(touched)
    }

    /// End a command with this store: the lock released, a RocksDB store dropped (closed) as
    /// before, and for a store held in memory its memory left to the process's exit to free
    /// (freeing 600,000 quads one by one takes a quarter of a second). Only for a process
    /// about to exit. No flush here: a store opened read-only cannot flush, and writers flush
    /// where they write.
    pub fn close(self) -> Result<(), StoreError> {
        let DiploStore { store, kind, .. } = self;
        if matches!(kind, Kind::Files | Kind::Memory) {
            std::mem::forget(store);
        }
        Ok(())
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        #[cfg(feature = "rocksdb")]
        if self.kind == Kind::RocksDb {
            self.store.flush().map_err(ox)?;
        }
        Ok(())
    }

    /// Number of quads in all graphs.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.store.len().map_err(ox)
    }

    pub fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(self.len()? == 0)
    }

    /// Document graphs in the store.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        let q = format!(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?g a <{}> }} }}",
            vocab::SCHEMA_NEWS_ARTICLE
        );
        count(&self.store, &q)
    }
}

impl DiploStore {
    /// The store directory, if it has one.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Write every graph that differs from its file back to the store directory, after a
    /// SPARQL update changed the in-memory store (the `serve --allow-updates` writer). Needs
    /// the writer's lock. Document graphs keep their file names, the links graph goes to
    /// `links.nq`, other graphs (and the default graph) to `graphs/x-HASH.nq`; files of
    /// graphs that no longer exist are removed. The reference graph is this binary's and is not
    /// saved. Returns how many files were written or removed.
    pub fn save_graphs(&self) -> Result<usize, StoreError> {
        if self._lock.is_none() {
            return Err(StoreError::Oxigraph(
                "save_graphs needs the writer's lock".into(),
            ));
        }
        if self.kind == Kind::RocksDb {
            self.flush()?;
            return Ok(0);
        }
        let Some(dir) = self.dir.clone().filter(|_| self.kind == Kind::Files) else {
            return Ok(0);
        };
        let reference = vocab::reference_graph();
        let links = vocab::links_graph();
        let mut by_file: std::collections::BTreeMap<PathBuf, Vec<Quad>> = Default::default();
        for q in self.store.iter() {
            let q = q.map_err(ox)?;
            let file = match &q.graph_name {
                oxigraph::model::GraphName::NamedNode(g) if *g == reference => continue,
                oxigraph::model::GraphName::NamedNode(g) if *g == links => dir.join("links.nq"),
                oxigraph::model::GraphName::NamedNode(g)
                    if g.as_str().starts_with(rdf::document_iri("").as_str()) =>
                {
                    graph_file(&dir, g)
                }
                other => {
                    use sha2::Digest;
                    let key = match other {
                        oxigraph::model::GraphName::DefaultGraph => "default".to_string(),
                        g => g.to_string(),
                    };
                    let hash = sha2::Sha256::digest(key.as_bytes());
                    let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
                    dir.join("graphs").join(format!("x-{hex}.nq"))
                }
            };
            by_file.entry(file).or_default().push(q);
        }
        let graphs = dir.join("graphs");
        fs::create_dir_all(&graphs).map_err(io_err(&graphs))?;
        let mut changed = 0;
        for (file, quads) in &by_file {
            let bytes = nquads(quads)?;
            if fs::read(file).ok().as_deref() != Some(bytes.as_slice()) {
                write_atomic(file, &bytes)?;
                changed += 1;
            }
        }
        let mut stale: Vec<PathBuf> = fs::read_dir(&graphs)
            .map_err(io_err(&graphs))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "nq") && !by_file.contains_key(p))
            .collect();
        let links_file = dir.join("links.nq");
        if !by_file.contains_key(&links_file) && links_file.exists() {
            stale.push(links_file);
        }
        for f in stale {
            fs::remove_file(&f).map_err(io_err(&f))?;
            changed += 1;
        }
        sync_dir(&graphs)?;
        Ok(changed)
    }
}

/// What a reader checks before each request to notice that a writer changed the store: the
/// modification times of the store directory and of `graphs/` (every atomic rename changes
/// them) and the size and time of `links.nq`. Three `stat` calls; equal fingerprints mean
/// nothing was renamed into the store since.
pub fn fingerprint(dir: &Path) -> Vec<Option<(std::time::SystemTime, u64)>> {
    [
        dir.to_path_buf(),
        dir.join("graphs"),
        dir.join("links.nq"),
        dir.join("rocksdb"),
    ]
    .iter()
    .map(|p| {
        fs::metadata(p)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())))
    })
    .collect()
}

/// A document made ready for the store off the writer's thread: its graph, quads and the
/// bytes of its N-Quads file. Pure, so extraction workers can build it in parallel.
pub struct Prepared {
    pub graph: NamedNode,
    pub source: String,
    pub quads: Vec<Quad>,
    pub nquads: Vec<u8>,
    /// A temporary file in `graphs/` already holding `nquads`, synced ([`Stager`]).
    pub staged: Option<PathBuf>,
}

impl Drop for Prepared {
    fn drop(&mut self) {
        // A staged file not renamed into place (unchanged document, failed run) goes away.
        if let Some(tmp) = self.staged.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Writes and syncs documents' N-Quads files under temporary names from worker threads, so
/// the single writer only renames them into place: the slow part of an atomic write (the
/// data's fsync) runs in parallel, and a crash still leaves whole files or none (temporary
/// names end in `.tmp` and are never loaded).
#[derive(Debug, Clone)]
pub struct Stager {
    graphs: Option<PathBuf>,
}

impl Stager {
    /// Stage a document's file; on any error leave it unstaged for the writer to write.
    pub fn stage(&self, p: &mut Prepared) {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let Some(graphs) = &self.graphs else { return };
        let key = p.graph.as_str().rsplit('/').next().unwrap_or("graph");
        let tmp = graphs.join(format!(
            ".{key}.nq.{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let written = fs::create_dir_all(graphs).and_then(|()| {
            let mut f = File::create(&tmp)?;
            f.write_all(&p.nquads)?;
            f.sync_all()
        });
        match written {
            Ok(()) => p.staged = Some(tmp),
            Err(_) => {
                let _ = fs::remove_file(&tmp);
            }
        }
    }
}

impl Prepared {
    pub fn new(ex: &Extraction) -> Result<Self, StoreError> {
        let quads = rdf::document_quads(ex);
        let nquads = nquads(&quads)?;
        Ok(Prepared {
            graph: rdf::document_iri(&ex.content_hash),
            source: ex.source.clone(),
            quads,
            nquads,
            staged: None,
        })
    }
}

/// Run a one-cell counting query.
pub fn count(store: &Store, q: &str) -> Result<usize, StoreError> {
    if let QueryResults::Solutions(mut s) = SparqlEvaluator::new()
        .parse_query(q)
        .map_err(ox)?
        .on_store(store)
        .execute()
        .map_err(ox)?
    {
        if let Some(row) = s.next() {
            if let Some(Term::Literal(l)) = row.map_err(ox)?.get(0) {
                return Ok(l.value().parse().unwrap_or(0));
            }
        }
    }
    Ok(0)
}

#[cfg(feature = "rocksdb")]
fn open_rocksdb(dir: &Path, write: bool) -> Result<Store, StoreError> {
    let path = dir.join("rocksdb");
    if write {
        Store::open(&path).map_err(ox)
    } else {
        // A reader must not block or be blocked by a writer: read a consistent snapshot.
        Store::open_read_only(&path).map_err(ox)
    }
}

#[cfg(not(feature = "rocksdb"))]
fn open_rocksdb(dir: &Path, _write: bool) -> Result<Store, StoreError> {
    Err(StoreError::UnsupportedKind {
        path: dir.to_path_buf(),
        kind: "rocksdb".into(),
    })
}

/// The kind of the store in `dir`, from its marker (None: not a store yet).
pub fn kind_of(dir: &Path) -> Result<Option<Kind>, StoreError> {
    read_marker(dir)
}

fn read_marker(dir: &Path) -> Result<Option<Kind>, StoreError> {
    let path = dir.join(MARKER);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let kind = text
        .lines()
        .find_map(|l| l.strip_prefix("kind = "))
        .map(str::trim)
        .unwrap_or("");
    match kind {
        "files" => Ok(Some(Kind::Files)),
        "rocksdb" => Ok(Some(Kind::RocksDb)),
        other => Err(StoreError::Damaged {
            path,
            message: format!("unknown store kind `{other}`; expected one of: files, rocksdb"),
        }),
    }
}

fn graph_key(graph: &NamedNode) -> &str {
    graph.as_str().rsplit('/').next().unwrap_or("graph")
}

fn graph_file(dir: &Path, graph: &NamedNode) -> PathBuf {
    dir.join("graphs").join(format!("{}.nq", graph_key(graph)))
}

fn intent_file(dir: &Path, graph: &NamedNode) -> PathBuf {
    dir.join("graphs")
        .join(format!("{}.replaces", graph_key(graph)))
}

/// First line of links.nq: an N-Quads comment naming the document set the links were computed
/// from, so an open can tell links left stale by an interrupted ingest.
const LINKS_KEY: &str = "# documents ";

/// Temp files of [`write_atomic`]: `.NAME.PID.tmp`.
fn is_temp(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.ends_with(".tmp"))
}

fn remove_if_present(p: &Path) -> Result<(), StoreError> {
    match fs::remove_file(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(p)(e)),
    }
}

fn list_dir(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    match fs::read_dir(dir) {
        Ok(rd) => {
            let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
            v.sort();
            Ok(v)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(io_err(dir)(e)),
    }
}

/// The document graph files an open should load: every `graphs/*.nq` except those that a
/// replacement whose new graph is already written has superseded.
fn document_files(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let graphs = dir.join("graphs");
    let entries = list_dir(&graphs)?;
    let mut superseded = std::collections::HashSet::new();
    for p in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "replaces"))
    {
        if !p.with_extension("nq").exists() {
            continue; // the new version was never written: the old one stays
        }
        let text = match fs::read_to_string(p) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(io_err(p)(e)),
        };
        for key in text.lines().filter(|k| !k.is_empty()) {
            superseded.insert(graphs.join(format!("{key}.nq")));
        }
    }
    Ok(entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "nq") && !is_temp(p))
        .filter(|p| !superseded.contains(p))
        .collect())
}

/// A key of the set of document graph files (their names are content hashes).
fn documents_key(files: &[PathBuf]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for f in files {
        h.update(f.file_name().map(|n| n.as_encoded_bytes()).unwrap_or(b""));
        h.update(b"\n");
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether links.nq was computed from the document files now present.
fn links_fresh(dir: &Path) -> Result<bool, StoreError> {
    let path = dir.join("links.nq");
    let text = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(&path)(e)),
    };
    let first = text.split(|b| *b == b'\n').next().unwrap_or(b"");
    let want = format!("{LINKS_KEY}{}", documents_key(&document_files(dir)?));
    Ok(first == want.as_bytes())
}

/// Finish or undo what a crashed writer left, under the write lock: temp files are removed,
/// replacements whose new graph was written drop the old graph, intents of replacements
/// that never wrote their new graph are dropped.
fn recover_files(dir: &Path) -> Result<(), StoreError> {
    let graphs = dir.join("graphs");
    for p in list_dir(dir)?.iter().chain(list_dir(&graphs)?.iter()) {
        if is_temp(p) {
            remove_if_present(p)?;
        }
    }
    let keep: std::collections::HashSet<PathBuf> = document_files(dir)?.into_iter().collect();
    let entries = list_dir(&graphs)?;
    for p in &entries {
        if p.extension().is_some_and(|e| e == "nq") && !keep.contains(p) {
            remove_if_present(p)?;
        }
    }
    for p in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "replaces"))
    {
        remove_if_present(p)?;
    }
    sync_dir(&graphs)
}

/// Load a files store into memory: the reference data, the document graphs and the links.
///
/// A reader does not take the lock, so a writer may add or replace documents while it reads.
/// Graph files are written once, atomically, under content-hash names and only ever added or
/// removed (a replacement's old file only after its new one), so a file that vanished while
/// reading means a newer listing holds its successor. Every document is seen whole, before or
/// after a concurrent change, never between. Links left stale by an interrupted ingest are
/// recomputed in memory.
fn load_files(dir: &Path) -> Result<Store, StoreError> {
    let store = Store::new().map_err(ox)?;
    store
        .extend(Knowledge::get().reference.iter().cloned())
        .map_err(ox)?;
    // Load what is listed; a file that vanished meanwhile was superseded by a replacement
    // whose new file a fresh listing shows, so list again and load what is new. Finally keep
    // exactly the graphs of the last listing: one consistent set, without waiting for a
    // writer to pause.
    let mut loaded: std::collections::BTreeMap<PathBuf, NamedNode> = Default::default();
    let mut files;
    let mut attempt = 0;
    loop {
        attempt += 1;
        files = document_files(dir)?;
        let todo: Vec<&PathBuf> = files.iter().filter(|f| !loaded.contains_key(*f)).collect();
        let vanished = load_parallel(&store, &todo, &mut loaded)?;
        if !vanished || attempt >= 50 {
            break;
        }
    }
    let keep: std::collections::HashSet<&PathBuf> = files.iter().collect();
    for (f, g) in &loaded {
        if !keep.contains(f) {
            store.remove_named_graph(g.as_ref()).map_err(ox)?;
        }
    }
    let links_path = dir.join("links.nq");
    let links = match fs::read(&links_path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io_err(&links_path)(e)),
    };
    let fresh = links.starts_with(format!("{LINKS_KEY}{}\n", documents_key(&files)).as_bytes());
    let quads = if fresh {
        RdfParser::from_format(RdfFormat::NQuads)
            .for_slice(&links)
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|e| StoreError::Damaged {
                path: links_path.clone(),
                message: e.to_string(),
            })?
    } else {
        link::compute(&store).map_err(ox)?
    };
    store.extend(quads).map_err(ox)?;
    Ok(store)
}

/// One graph file read and parsed: its quads, or `None` when it vanished meanwhile.
type Parsed = Result<Option<Vec<Quad>>, StoreError>;

fn parse_graph_file(f: &Path) -> Parsed {
    let bytes = match fs::read(f) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_err(f)(e)),
    };
    // The files are this module's own output: skipping IRI validation (lenient) halves the
    // parse time, and a file that is not N-Quads at all is still refused.
    RdfParser::from_format(RdfFormat::NQuads)
        .lenient()
        .for_slice(&bytes)
        .collect::<Result<Vec<Quad>, _>>()
        .map(Some)
        .map_err(|e| StoreError::Damaged {
            path: f.to_path_buf(),
            message: e.to_string(),
        })
}

/// Parse `files` on worker threads while this thread inserts what they parsed into `store`:
/// opening costs about the larger of parsing and inserting instead of their sum. Records each
/// loaded file's graph in `loaded`; returns whether a file vanished while reading.
fn load_parallel(
    store: &Store,
    files: &[&PathBuf],
    loaded: &mut std::collections::BTreeMap<PathBuf, NamedNode>,
) -> Result<bool, StoreError> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut vanished = false;
    std::thread::scope(|scope| -> Result<(), StoreError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Parsed)>(64);
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(f) = files.get(i) else { break };
                    if tx.send((i, parse_graph_file(f))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut result = Ok(());
        for (i, parsed) in rx {
            if result.is_err() {
                continue; // drain, so the workers finish
            }
            match parsed {
                Ok(Some(quads)) => {
                    if let Some(GraphName::NamedNode(g)) =
                        quads.first().map(|q| q.graph_name.clone())
                    {
                        loaded.insert(files[i].clone(), g);
                    }
                    if let Err(e) = store.extend(quads).map_err(ox) {
                        result = Err(e);
                    }
                }
                Ok(None) => vanished = true,
                Err(e) => result = Err(e),
            }
            if result.is_err() {
                stop.store(true, Ordering::Relaxed);
            }
        }
        result
    })?;
    Ok(vanished)
}

/// Serialise quads as N-Quads, sorted so files diff cleanly.
pub fn nquads(quads: &[Quad]) -> Result<Vec<u8>, StoreError> {
    let mut sorted: Vec<&Quad> = quads.iter().collect();
    sorted.sort_by_cached_key(|q| q.to_string());
    sorted.dedup();
    let mut s = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for q in sorted {
        s.serialize_quad(q).map_err(ox)?;
    }
    s.finish().map_err(ox)
}

/// Write a file so that readers and crashes see the old or the new content, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("file"),
        std::process::id()
    ));
    {
        let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(bytes).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
    }
    fs::rename(&tmp, path).map_err(io_err(path))?;
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    // Directories can be opened and synced on Unix; elsewhere this is best effort.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Statistics for `diplograph stats`.
pub fn stats(store: &DiploStore) -> Result<Vec<(String, usize)>, StoreError> {
    let mut out = vec![
        ("documents".to_string(), store.document_count()?),
        ("quads".to_string(), store.len()?),
    ];
    let kinds: &[(&str, String)] = &[
        ("meetings", vocab::SCHEMA_EVENT.to_string()),
        ("series", vocab::SCHEMA_EVENT_SERIES.to_string()),
        ("people", vocab::SCHEMA_PERSON.to_string()),
        ("statements", dg("Statement").as_str().to_string()),
        ("participations", dg("Participation").as_str().to_string()),
    ];
    for (label, class) in kinds {
        let q = format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?x a <{class}> }} FILTER(?g != <{}>) }}",
            vocab::reference_graph().as_str()
        );
        out.push((label.to_string(), count(&store.store, &q)?));
    }
    for (label, kind) in [
        ("states", "state"),
        ("mechanisms", "mechanism"),
        ("issues", "issue"),
    ] {
        let q = format!(
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH ?g {{ ?d <{}> ?x }} FILTER(STRSTARTS(STR(?x), \"{}{kind}/\")) }}",
            vocab::SCHEMA_MENTIONS,
            vocab::ID
        );
        out.push((format!("{label} mentioned"), count(&store.store, &q)?));
    }
    Ok(out)
}
