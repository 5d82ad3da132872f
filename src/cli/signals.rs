//! Ctrl-C and SIGTERM: end a batch at a record boundary, not in a record.
//!
//! [`watch`] installs the handlers once per process; the first SIGINT or
//! SIGTERM only raises a flag, which the writer polls between records
//! ([`received`]), so the run ends after a whole record with a summary and
//! the exit code 128 + the signal's number. A second signal ends the process
//! at once, with the same code (a worker stuck reading a pipe cannot hold the
//! run). Unix only; elsewhere nothing is installed and [`received`] is `None`.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The flags the handlers raise.
struct Flags {
    /// Any signal arrived (arms the immediate exit on the next one).
    any: Arc<AtomicBool>,
    /// The number of the last signal that arrived.
    which: Arc<AtomicUsize>,
}

static FLAGS: OnceLock<Option<Flags>> = OnceLock::new();

/// Installs the handlers (once; later calls do nothing).
pub(crate) fn watch() {
    FLAGS.get_or_init(install);
}

#[cfg(unix)]
fn install() -> Option<Flags> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::flag;
    let flags = Flags {
        any: Arc::new(AtomicBool::new(false)),
        which: Arc::new(AtomicUsize::new(0)),
    };
    for signal in [SIGINT, SIGTERM] {
        // The exit on a second signal goes first: it must see the flag as
        // the first signal left it.
        let installed = flag::register_conditional_shutdown(signal, 128 + signal, Arc::clone(&flags.any))
            .and_then(|_| flag::register_usize(signal, Arc::clone(&flags.which), signal as usize))
            .and_then(|_| flag::register(signal, Arc::clone(&flags.any)));
        if installed.is_err() {
            return None;
        }
    }
    Some(flags)
}

#[cfg(not(unix))]
fn install() -> Option<Flags> {
    None
}

/// The signal that asked the run to end, if one has.
pub(crate) fn received() -> Option<i32> {
    let flags = FLAGS.get()?.as_ref()?;
    if !flags.any.load(Ordering::SeqCst) {
        return None;
    }
    i32::try_from(flags.which.load(Ordering::SeqCst)).ok()
}

/// The name of a signal for messages.
pub(crate) fn name(signal: i32) -> &'static str {
    #[cfg(unix)]
    {
        match signal {
            signal_hook::consts::SIGINT => "SIGINT",
            signal_hook::consts::SIGTERM => "SIGTERM",
            _ => "a signal",
        }
    }
    #[cfg(not(unix))]
    {
        let _ = signal;
        "a signal"
    }
}
