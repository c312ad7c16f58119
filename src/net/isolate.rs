//! Work that can be stopped: a piece of work run in a forked child process, which the server
//! kills at its time limit and whose memory the kernel caps.
//!
//! Oxigraph's evaluator checks its cancellation token only when it reads the store, so a
//! join, sort or count over rows already in memory cannot be interrupted inside the process:
//! a thread that runs past the limit keeps its core and memory until it ends, possibly
//! minutes later. A child process can be killed. `fork` gives the child the loaded store
//! without copying it (pages are shared copy-on-write until one side writes them), so a query
//! starts in a few milliseconds; the child writes its answer to a pipe and ends with `_exit`.
//! At the limit the parent sends SIGKILL and reaps the child: its CPU stops at once and its
//! memory is freed as the kernel tears it down.
//!
//! # Forking a multi-threaded process
//!
//! POSIX promises the child of a multi-threaded process only async-signal-safe calls until it
//! execs; the child here runs ordinary Rust (allocation, Oxigraph). What makes that sound
//! enough, and what remains:
//!
//! - The child has one thread, the one that forked. A lock held at that moment by another
//!   thread stays locked in the child forever. glibc takes and resets its malloc locks
//!   around `fork` (as does musl since 1.2.1), so allocation works in the child; POSIX does
//!   not require this, glibc and musl document it.
//! - Oxigraph's in-memory storage locks a mutex on every quad it reads. The server therefore
//!   never reads a store in its own threads while it may fork: every query, viewer page and
//!   graph-store read runs in a child, and updates (the only writes) hold the lock that a fork
//!   also takes ([`fork`]'s `gate`). A reload builds a new store, which no child touches.
//! - Anything else a parent thread may hold at the fork (the `stderr` lock while it prints a
//!   message) can block the child; such a child hangs instead of answering and is killed at
//!   the time limit like a slow query. Nothing the child does can harm the parent.
//! - Nothing in the child may rely on other threads (no timers, no thread pools); evaluation
//!   and export are single-threaded.
//! - The child closes every inherited descriptor but standard input, output, error and its
//!   pipe, so it does not keep client connections or the listening socket open; it dies with
//!   the thread that forked it (`PR_SET_PDEATHSIG`) and, should the parent be killed before
//!   it can kill the child, by itself at its own alarm shortly after the limit.
//!
//! RocksDB stores are not forked (their background threads hold locks of their own); the
//! server runs their queries on a thread as before, where the time limit ends the answer but
//! not always the work.

use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// How a child's work ended, when it did not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// Killed at the time limit.
    TimedOut,
    /// It asked for more memory than its budget allows (the allocation failed and the child
    /// aborted).
    OutOfMemory,
    /// Anything else: a crash, a panic that escaped, no complete answer.
    Failed(String),
}

/// Run `work` in a forked child and return the bytes it produced, unless it took longer than
/// `limit` (then it is killed) or grew its private memory past `memory` bytes (then its
/// allocation fails and it aborts). `gate` is held while forking, so that no thread of the
/// caller writes to what the child reads at that moment.
pub fn fork<G>(
    gate: &std::sync::Mutex<G>,
    limit: Duration,
    memory: u64,
    work: impl FnOnce() -> Vec<u8>,
) -> Result<Vec<u8>, Stopped> {
    let failed = |what: &str, e: io::Error| Stopped::Failed(format!("{what}: {e}"));
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: pipe2 writes two descriptors into the array it is given.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(failed("cannot make a pipe", io::Error::last_os_error()));
    }
    // SAFETY: both descriptors were just opened and are owned here only.
    let (read_end, write_end) =
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    let parent = std::process::id() as libc::pid_t;
    let pid = {
        let _gate = gate.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: see the module documentation for what the child may do.
        unsafe { libc::fork() }
    };
    if pid < 0 {
        return Err(failed("cannot fork", io::Error::last_os_error()));
    }
    if pid == 0 {
        drop(read_end);
        child(parent, write_end, limit, memory, work)
    }
    drop(write_end);
    let outcome = collect(&read_end, Instant::now() + limit);
    if outcome.is_err() {
        // SAFETY: `pid` is our own child, not yet reaped, so the id cannot have been reused.
        unsafe { libc::kill(pid, libc::SIGKILL) };
    }
    let status = reap(pid);
    match outcome {
        Err(()) => Err(Stopped::TimedOut),
        Ok(bytes) if exited_cleanly(status) => Ok(bytes),
        Ok(_) if signalled(status) == Some(libc::SIGABRT) => Err(Stopped::OutOfMemory),
        Ok(_) => Err(Stopped::Failed(match signalled(status) {
            Some(sig) => format!("the evaluation ended with signal {sig}"),
            None => format!(
                "the evaluation ended with exit code {}",
                libc::WEXITSTATUS(status)
            ),
        })),
    }
}

/// Read the child's answer until it closes the pipe; `Err` at the deadline.
fn collect(fd: &OwnedFd, deadline: Instant) -> Result<Vec<u8>, ()> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(());
        }
        let mut poll = libc::pollfd {
            fd: fd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = left.as_millis().clamp(1, i32::MAX as u128) as libc::c_int;
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut poll, 1, ms) };
        if ready < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(());
        }
        if ready == 0 {
            continue;
        }
        // SAFETY: reads into a buffer of the length given.
        let n = unsafe { libc::read(fd.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        match n {
            0 => return Ok(out),
            n if n > 0 => out.extend_from_slice(&buf[..n as usize]),
            _ if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted => {}
            _ => return Err(()),
        }
    }
}

fn reap(pid: libc::pid_t) -> libc::c_int {
    let mut status = 0;
    loop {
        // SAFETY: waits for our own child.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return status;
        }
    }
}

fn exited_cleanly(status: libc::c_int) -> bool {
    libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0
}

fn signalled(status: libc::c_int) -> Option<libc::c_int> {
    libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status))
}

/// The child: limit itself, do the work, write the bytes, `_exit`. Never returns.
fn child(
    parent: libc::pid_t,
    out: OwnedFd,
    limit: Duration,
    memory: u64,
    work: impl FnOnce() -> Vec<u8>,
) -> ! {
    let fd = out.as_raw_fd();
    // SAFETY: plain system calls on this process; nothing here allocates.
    unsafe {
        // Ctrl-C and SIGTERM end the child outright (the parent's handler only sets a flag).
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::signal(sig, libc::SIG_DFL);
        }
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() != parent {
            libc::_exit(3);
        }
        // The parent kills us at the limit; this alarm is for when the parent is gone.
        libc::alarm(limit.as_secs().saturating_add(2).min(u32::MAX as u64) as libc::c_uint);
        close_other_descriptors(fd);
        limit_memory(memory);
    }
    let bytes = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    let code = match bytes {
        Ok(bytes) => {
            if write_all(fd, &bytes) {
                0
            } else {
                4
            }
        }
        Err(_) => 5,
    };
    // SAFETY: ends the child without running the parent's exit handlers or destructors.
    unsafe { libc::_exit(code) }
}

fn write_all(fd: libc::c_int, mut bytes: &[u8]) -> bool {
    while !bytes.is_empty() {
        // SAFETY: writes from a slice of the length given.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n < 0 {
            if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        bytes = &bytes[n as usize..];
    }
    true
}

/// Close every descriptor but 0–2 and `keep`.
///
/// # Safety
/// Only in the child, where nothing else uses the descriptors.
unsafe fn close_other_descriptors(keep: libc::c_int) {
    let keep = keep as libc::c_uint;
    let ranges = [(3, keep.saturating_sub(1)), (keep + 1, libc::c_uint::MAX)];
    for (lo, hi) in ranges {
        if lo > hi {
            continue;
        }
        if libc::syscall(libc::SYS_close_range, lo, hi, 0) != 0 {
            // Kernels before 5.9: close one by one, up to a bound.
            for fd in lo..=hi.min(65_535) {
                libc::close(fd as libc::c_int);
            }
        }
    }
}

/// Cap the private writable memory of this process at what it has now plus `budget` bytes
/// (`RLIMIT_DATA`: heap, anonymous mappings; what the parent already had counts as "now").
///
/// # Safety
/// Only in the child; reads `/proc/self/statm` into a stack buffer, without allocating.
unsafe fn limit_memory(budget: u64) {
    let mut buf = [0u8; 256];
    let path = c"/proc/self/statm";
    let fd = libc::open(path.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
    if fd < 0 {
        return;
    }
    let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
    libc::close(fd);
    if n <= 0 {
        return;
    }
    // Fields: size resident shared text lib data dt, in pages; "data" is the sixth.
    let Some(data_pages) = buf[..n as usize]
        .split(|b| b.is_ascii_whitespace())
        .filter(|f| !f.is_empty())
        .nth(5)
        .and_then(parse_u64)
    else {
        return;
    };
    let page = libc::sysconf(libc::_SC_PAGESIZE).max(4096) as u64;
    let cap = data_pages.saturating_mul(page).saturating_add(budget);
    let limit = libc::rlimit {
        rlim_cur: cap as libc::rlim_t,
        rlim_max: cap as libc::rlim_t,
    };
    libc::setrlimit(libc::RLIMIT_DATA, &limit);
}

fn parse_u64(digits: &[u8]) -> Option<u64> {
    digits.iter().try_fold(0u64, |n, &d| {
        d.is_ascii_digit()
            .then(|| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn the_child_answers_and_a_runaway_is_killed_at_the_limit() {
        let gate = Mutex::new(());
        let answer = fork(&gate, Duration::from_secs(20), 1 << 30, || {
            b"forty-two".to_vec()
        });
        assert_eq!(answer.as_deref(), Ok(&b"forty-two"[..]));
        let spin = fork(&gate, Duration::from_millis(200), 1 << 30, || loop {
            std::hint::spin_loop();
        });
        assert_eq!(spin, Err(Stopped::TimedOut));
    }

    #[test]
    fn a_child_past_its_memory_budget_is_stopped() {
        let gate = Mutex::new(());
        let hog = fork(&gate, Duration::from_secs(60), 64 << 20, || {
            let mut keep = Vec::new();
            loop {
                keep.push(vec![1u8; 16 << 20]);
                if keep.len() > 64 {
                    return b"not stopped".to_vec();
                }
            }
        });
        assert_eq!(hog, Err(Stopped::OutOfMemory));
    }
}
