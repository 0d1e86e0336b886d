//! glibc's allocator, tuned for a server that handles large requests now and
//! then (a 50 000-value import, a table of 50 000 rows) between many small ones.
//!
//! By default glibc gives each thread that contends for the heap an arena of its
//! own (up to eight per core), and it raises its threshold for serving large
//! blocks from `mmap` each time such a block is freed. Together they keep what a
//! large request freed: in another thread's arena, or in the middle of the heap,
//! where it is not returned. The server's memory then grew with every import
//! (from 106 to 171 MiB over eight imports of 50 000 values) although the heap
//! in use afterwards was the same.
//!
//! Tuned, blocks from 1 MiB up are mapped and returned when freed, the heap is
//! trimmed once 2 MiB are free at its top, and all threads share two arenas:
//! after six imports of 50 000 values the server held 65 MiB and had peaked at
//! 97 MiB, against 165 and 170 MiB untuned, at the same import speed within the
//! runs' noise (±15 %). A threshold of 64 KiB did as well on memory, but mapped
//! the mid-sized buffers of every computed answer. `cargo xtask bench` reports
//! the server's peak per workload.

/// Applies the tuning. Call first thing in `main`, before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn tune() {
    const ARENAS: libc::c_int = 2;
    const MAPPED_FROM_BYTES: libc::c_int = 1024 * 1024;
    const TRIM_FROM_BYTES: libc::c_int = 2 * 1024 * 1024;
    for (parameter, value) in [
        (libc::M_ARENA_MAX, ARENAS),
        (libc::M_MMAP_THRESHOLD, MAPPED_FROM_BYTES),
        (libc::M_TRIM_THRESHOLD, TRIM_FROM_BYTES),
    ] {
        // SAFETY: mallopt only sets a parameter of the allocator, with values in
        // its documented ranges; it is called before other threads exist, so no
        // allocation runs concurrently. A refusal (0) leaves glibc's default.
        let accepted = unsafe { libc::mallopt(parameter, value) };
        if accepted == 0 {
            tracing::warn!(
                parameter,
                value,
                "glibc refused an allocator setting; its default stays"
            );
        }
    }
}

/// Other platforms keep their allocator's defaults.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune() {}
