//! Progress display: an indicatif bar on a terminal, plain periodic lines
//! on stderr otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// A bar when stderr is a terminal, lines otherwise.
    #[default]
    Auto,
    /// Always a bar (on stderr).
    Bar,
    /// A plain line on stderr every few seconds.
    Lines,
    /// Nothing.
    Off,
}

/// Counters shared by the workers.
#[derive(Debug, Default)]
pub struct Counters {
    pub total: AtomicU64,
    pub done: AtomicU64,
    pub findings: AtomicU64,
    pub errors: AtomicU64,
    pub scanned: AtomicU64,
    pub reused: AtomicU64,
    pub bytes: AtomicU64,
}

pub struct Reporter {
    bar: Option<ProgressBar>,
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
    counters: Arc<Counters>,
}

impl Reporter {
    pub fn start(mode: Progress, counters: Arc<Counters>, interval: Duration) -> Reporter {
        let mode = match mode {
            Progress::Auto if std::io::stderr().is_terminal() => Progress::Bar,
            Progress::Auto => Progress::Lines,
            m => m,
        };
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let mut bar = None;
        let mut thread = None;
        match mode {
            Progress::Bar => {
                let b = ProgressBar::with_draw_target(
                    Some(counters.total.load(Ordering::Relaxed)),
                    ProgressDrawTarget::stderr_with_hz(4),
                );
                b.set_style(
                    ProgressStyle::with_template(
                        "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {rate}  {msg}  ETA {eta}",
                    )
                    .expect("valid template")
                    .with_key(
                        "rate",
                        |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0} files/s", s.per_sec());
                        },
                    ),
                );
                bar = Some(b.clone());
                let (c, s) = (counters.clone(), stop.clone());
                thread = Some(std::thread::spawn(move || loop {
                    b.set_length(c.total.load(Ordering::Relaxed));
                    b.set_position(c.done.load(Ordering::Relaxed));
                    b.set_message(format!(
                        "{} findings, {} errors",
                        c.findings.load(Ordering::Relaxed),
                        c.errors.load(Ordering::Relaxed)
                    ));
                    if wait(&s, Duration::from_millis(250)) {
                        break;
                    }
                }));
            }
            Progress::Lines => {
                let (c, s) = (counters.clone(), stop.clone());
                thread = Some(std::thread::spawn(move || {
                    let t0 = Instant::now();
                    loop {
                        if wait(&s, interval) {
                            break;
                        }
                        eprintln!("{}", line(&c, t0.elapsed()));
                    }
                }));
            }
            Progress::Auto | Progress::Off => {}
        }
        Reporter {
            bar,
            stop,
            thread,
            counters,
        }
    }

    pub fn finish(mut self) {
        {
            let (m, cv) = &*self.stop;
            *m.lock().unwrap_or_else(|e| e.into_inner()) = true;
            cv.notify_all();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Some(b) = self.bar.take() {
            b.set_length(self.counters.total.load(Ordering::Relaxed));
            b.set_position(self.counters.done.load(Ordering::Relaxed));
            b.set_message(format!(
                "{} findings, {} errors",
                self.counters.findings.load(Ordering::Relaxed),
                self.counters.errors.load(Ordering::Relaxed)
            ));
            b.finish_and_clear();
        }
    }
}

/// Wait up to `d`; true when asked to stop.
fn wait(stop: &(Mutex<bool>, Condvar), d: Duration) -> bool {
    let (m, cv) = stop;
    let g = m.lock().unwrap_or_else(|e| e.into_inner());
    if *g {
        return true;
    }
    let (g, _) = cv.wait_timeout(g, d).unwrap_or_else(|e| e.into_inner());
    *g
}

fn line(c: &Counters, elapsed: Duration) -> String {
    let done = c.done.load(Ordering::Relaxed);
    let total = c.total.load(Ordering::Relaxed).max(done);
    let secs = elapsed.as_secs_f64().max(0.001);
    let rate = done as f64 / secs;
    let eta = if rate > 0.0 {
        format!("{:.0}s", (total - done) as f64 / rate)
    } else {
        "?".into()
    };
    format!(
        "tuomin audit: {done}/{total} files, {rate:.0} files/s, {} findings, {} errors, ETA {eta}",
        c.findings.load(Ordering::Relaxed),
        c.errors.load(Ordering::Relaxed),
    )
}
