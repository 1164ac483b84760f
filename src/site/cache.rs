//! The build cache: results that cost seconds to make and depend only on inputs we can name,
//! kept between builds in `ROOT/.mentorbook/cache/` (never in the output folder).
//!
//! An entry is a small bundle of files stored under a key, the hash of every input that goes
//! into the result, this binary's identity among them (its version, size and modification
//! time: a rebuilt `mentorbook` never reads what another one wrote). So a hit gives exactly the
//! bytes a miss would have made, and the folder is safe to delete at any time. Entries are
//! written to a temporary name and renamed into place; one that cannot be read back whole
//! (a killed build, a full disk, another version's format) is a miss. What a build did not use
//! and is older than a day is removed after it, so that the folder holds about one site's worth.
//!
//! What is cached, each kind in its own folder: the search index's shards (`search`), most of
//! a build's time, keyed by their documents; rendered markdown (`markdown`) and the pages of
//! the whole-handbook print page (`print`), by page, in buckets ([`bucketed`]); drawn Mermaid
//! diagrams (`diagrams`), by their source.

use std::collections::HashSet;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".mentorbook/cache";

/// What an entry file starts with; a change of layout changes it.
const MAGIC: &[u8; 8] = b"mbcache1";

/// How long an entry no build used is kept.
const KEEP_UNUSED: Duration = Duration::from_secs(24 * 60 * 60);

/// Makes temporary names unique within this process.
static TEMP: AtomicUsize = AtomicUsize::new(0);

/// A hash of some inputs, as a cache key: 128 bits, in hex.
#[derive(Debug, Clone)]
pub struct Key(String);

/// Builds a [`Key`] from inputs fed in order.
#[derive(Clone)]
pub struct KeyBuilder([std::collections::hash_map::DefaultHasher; 2]);

impl KeyBuilder {
    /// A key for `kind` (the same inputs under another kind give another key), starting from
    /// this binary's identity.
    pub fn new(kind: &str) -> KeyBuilder {
        let mut hashers = [std::collections::hash_map::DefaultHasher::new(), Default::default()];
        hashers[1].write_u8(1);
        let mut key = KeyBuilder(hashers);
        key.add(kind.as_bytes());
        key.add(binary_identity().as_bytes());
        key
    }

    /// Feeds one input (its length first, so that `ab`+`c` and `a`+`bc` differ).
    pub fn add(&mut self, bytes: &[u8]) -> &mut KeyBuilder {
        for h in &mut self.0 {
            bytes.len().hash(h);
            h.write(bytes);
        }
        self
    }

    /// The key.
    pub fn finish(&self) -> Key {
        Key(format!("{:016x}{:016x}", self.0[0].finish(), self.0[1].finish()))
    }
}

/// This binary's version, size and modification time.
fn binary_identity() -> String {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let meta = std::env::current_exe().and_then(fs::metadata);
        let (len, modified) = match meta {
            Ok(m) => (m.len(), m.modified().ok().and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())),
            Err(_) => (0, None),
        };
        format!("{} {len} {:?}", env!("CARGO_PKG_VERSION"), modified.map(|d| d.as_nanos()))
    })
    .clone()
}

/// A site's cache folder; entries are grouped by kind (`search`, `markdown`), one folder each.
pub struct Cache {
    dir: PathBuf,
    /// Entries this build read or wrote (kind folder, file name), which pruning keeps.
    used: Mutex<HashSet<(String, String)>>,
}

impl Cache {
    /// The cache of the site at `root`; `None` when the cache folder would lie inside the
    /// output folder `out` (or hold it), where it must never be.
    pub fn open(root: &Path, out: &Path) -> Option<Cache> {
        let dir = root.join(CACHE_DIR);
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let (dir_abs, out_abs) = (absolute(&dir), absolute(out));
        if dir_abs.starts_with(&out_abs) || out_abs.starts_with(&dir_abs) {
            return None;
        }
        Some(Cache { dir, used: Mutex::new(HashSet::new()) })
    }

    fn path(&self, kind: &str, key: &Key) -> PathBuf {
        self.dir.join(kind).join(format!("{}.bin", key.0))
    }

    fn mark_used(&self, kind: &str, key: &Key) {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert((kind.to_string(), format!("{}.bin", key.0)));
    }

    /// The files stored under `key` among entries of `kind` (name, bytes), or `None`.
    pub fn get(&self, kind: &str, key: &Key) -> Option<Vec<(String, Vec<u8>)>> {
        let path = self.path(kind, key);
        let bytes = fs::read(&path).ok()?;
        let files = decode(&bytes)?;
        self.mark_used(kind, key);
        // Used now: pruning goes by age.
        let _ = fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(SystemTime::now()));
        Some(files)
    }

    /// Stores `files` under `key` among entries of `kind`; a cache that cannot be written is
    /// only slower.
    pub fn put(&self, kind: &str, key: &Key, files: &[(&str, &[u8])]) {
        self.mark_used(kind, key);
        let dir = self.dir.join(kind);
        if fs::create_dir_all(&dir).is_err() {
            return;
        }
        let path = self.path(kind, key);
        let n = TEMP.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
        let written = fs::File::create(&temp)
            .and_then(|mut f| f.write_all(&encode(files)))
            .and_then(|()| fs::rename(&temp, &path));
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
    }

    /// Removes, in each kind, what this build did not use, but for as many other entries as it
    /// used (the newest, no older than a day: another selection's, say `serve`'s with drafts),
    /// and temporary files a killed build left. What counts as used starts again from nothing.
    pub fn prune(&self) {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|e| e.into_inner()));
        let Ok(kinds) = fs::read_dir(&self.dir) else { return };
        let now = SystemTime::now();
        for kind in kinds.flatten() {
            let kind_name = kind.file_name().to_string_lossy().into_owned();
            let Ok(entries) = fs::read_dir(kind.path()) else { continue };
            let kept = used.iter().filter(|(k, _)| *k == kind_name).count();
            let mut others = Vec::new();
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else { continue };
                let age = now.duration_since(modified).unwrap_or_default();
                if name.starts_with(".tmp-") {
                    if age > KEEP_UNUSED / 24 {
                        let _ = fs::remove_file(entry.path());
                    }
                } else if !used.contains(&(kind_name.clone(), name)) {
                    others.push((age, entry.path()));
                }
            }
            others.sort();
            for (n, (age, path)) in others.into_iter().enumerate() {
                if n >= kept || age > KEEP_UNUSED {
                    let _ = fs::remove_file(path);
                }
            }
        }
    }
}

/// `make` for every item of `items`, in order and in parallel, where items are grouped in
/// buckets of about `per_bucket` (by `place(item)`, a stable hash of what names the item, so
/// that an item keeps its bucket as others come and go) and a bucket's results come from `cache` (entries of `kind`) when its
/// key is known. The key of a bucket is `global` fed with `input(item)` of each of its items; a
/// bucket is stored only when `storable` holds for each of its results.
#[allow(clippy::too_many_arguments)]
pub fn bucketed<I, T>(
    cache: &Cache,
    kind: &str,
    global: &KeyBuilder,
    items: &[I],
    per_bucket: usize,
    place: impl Fn(&I) -> u64 + Sync,
    input: impl Fn(&I, &mut KeyBuilder) + Sync,
    make: impl Fn(&I) -> T + Sync,
    storable: impl Fn(&T) -> bool + Sync,
) -> Vec<T>
where
    I: Sync,
    T: Send + serde::Serialize + serde::de::DeserializeOwned,
{
    use rayon::prelude::*;
    let count = items.len().div_ceil(per_bucket.max(1)).clamp(1, 256);
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (n, item) in items.iter().enumerate() {
        buckets[(place(item) % count as u64) as usize].push(n);
    }
    let done: Vec<Vec<(usize, T)>> = buckets
        .into_par_iter()
        .map(|members| {
            let mut key = global.clone();
            for &n in &members {
                input(&items[n], &mut key);
            }
            let key = key.finish();
            let hit = cache.get(kind, &key).and_then(|files| {
                let [(_, bytes)] = files.as_slice() else { return None };
                let found: Vec<T> = serde_json::from_slice(bytes).ok()?;
                (found.len() == members.len()).then_some(found)
            });
            let found = hit.unwrap_or_else(|| {
                let made: Vec<T> = members.par_iter().map(|&n| make(&items[n])).collect();
                if made.iter().all(&storable)
                    && let Ok(bytes) = serde_json::to_vec(&made)
                {
                    cache.put(kind, &key, &[("results.json", &bytes)]);
                }
                made
            });
            members.into_iter().zip(found).collect()
        })
        .collect();
    let mut all: Vec<(usize, T)> = done.into_iter().flatten().collect();
    all.sort_by_key(|(n, _)| *n);
    all.into_iter().map(|(_, t)| t).collect()
}

/// `MAGIC`, the file count, each file's name and bytes (lengths first), then a hash of all of it.
fn encode(files: &[(&str, &[u8])]) -> Vec<u8> {
    let size: usize = files.iter().map(|(n, b)| 16 + n.len() + b.len()).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + 8 + size + 16);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(files.len() as u64).to_le_bytes());
    for (name, bytes) in files {
        out.extend_from_slice(&(name.len() as u64).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum);
    out
}

/// The files of an entry, or `None` when it is not one written whole by [`encode`].
fn decode(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
    if checksum(body) != sum || !body.starts_with(MAGIC) {
        return None;
    }
    let mut rest = &body[MAGIC.len()..];
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = rest.split_at_checked(n)?;
        rest = tail;
        Some(head)
    };
    let count = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize;
    let mut files = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        let len = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize;
        let name = String::from_utf8(take(len)?.to_vec()).ok()?;
        let len = u64::from_le_bytes(take(8)?.try_into().ok()?) as usize;
        files.push((name, take(len)?.to_vec()));
    }
    rest.is_empty().then_some(files)
}

/// 16 bytes of hash over `bytes`.
fn checksum(bytes: &[u8]) -> [u8; 16] {
    let mut key = KeyBuilder([std::collections::hash_map::DefaultHasher::new(), Default::default()]);
    key.0[1].write_u8(1);
    key.add(bytes);
    let mut out = [0; 16];
    out[..8].copy_from_slice(&key.0[0].finish().to_le_bytes());
    out[8..].copy_from_slice(&key.0[1].finish().to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), &dir.path().join("public")).unwrap();
        let key = KeyBuilder::new("search").add(b"page").finish();
        assert!(cache.get("search", &key).is_none());
        cache.put("search", &key, &[("a/b.pf", b"one"), ("c", b"")]);
        let got = cache.get("search", &key).unwrap();
        assert_eq!(got, [("a/b.pf".to_string(), b"one".to_vec()), ("c".to_string(), Vec::new())]);
        assert!(cache.get("markdown", &key).is_none(), "kinds are apart");
        let file = cache.path("search", &key);
        let bytes = fs::read(&file).unwrap();
        fs::write(&file, &bytes[..bytes.len() - 3]).unwrap();
        assert!(cache.get("search", &key).is_none(), "a truncated entry is a miss");
        let mut flipped = bytes.clone();
        flipped[20] ^= 1;
        fs::write(&file, flipped).unwrap();
        assert!(cache.get("search", &key).is_none(), "a damaged entry is a miss");
    }

    #[test]
    fn keys_depend_on_every_input_and_its_boundaries() {
        let k = |parts: &[&[u8]]| {
            let mut b = KeyBuilder::new("search");
            for p in parts {
                b.add(p);
            }
            b.finish().0
        };
        assert_eq!(k(&[b"a", b"b"]), k(&[b"a", b"b"]));
        assert_ne!(k(&[b"ab", b"c"]), k(&[b"a", b"bc"]));
        assert_ne!(KeyBuilder::new("x").finish().0, KeyBuilder::new("y").finish().0);
    }

    #[test]
    fn never_inside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Cache::open(dir.path(), dir.path()).is_none());
        assert!(Cache::open(dir.path(), &dir.path().join(".mentorbook")).is_none());
        assert!(Cache::open(dir.path(), &dir.path().join("public")).is_some());
    }
}
