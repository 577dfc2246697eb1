//! The event loop: the only place that reads the system clock and the terminal.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

mod burst;

use self::burst::Bursts;
use super::app::{App, Typing};
use super::echo::{self, Echo};
use super::view;
use crate::core::now as local_now;

/// The clock on screen moves once a second.
const TICK: Duration = Duration::from_secs(1);
/// At most this many events are taken in between two frames, so that the screen still
/// moves during a flood of input. (All that came together, up to this, take one frame:
/// `burst`.)
const BATCH: usize = 64;

/// Take over the terminal, run until the user quits, and give the terminal back as it was,
/// also when something panics.
pub fn run(app: &mut App) -> io::Result<()> {
    // Typed text is written on a thread of its own: no key waits for the disk.
    app.set_write_behind(true);
    // Should this fail half-way, the panic hook still gives back what was taken.
    super::panic_hook::screens_up(true);
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, app)
    }));
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
    super::panic_hook::screens_up(false);
    match result {
        Ok(result) => result,
        Err(_) => {
            let saved = app.save_before_exit();
            Err(io::Error::other(if saved {
                "stopped after an internal error; the session was saved"
            } else {
                "stopped after an internal error; the session could NOT be saved"
            }))
        }
    }
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut last_tick = Instant::now();
    let mut echo = Echo::default();
    let mut bursts = Bursts::default();
    // A frame is drawn when something happened (keys, the other terminal's edits, a save
    // that failed) and when the second on the clock changes; not at every wake-up for a
    // look at the other terminal's file (four a second) that found nothing.
    let mut changed = true;
    let mut drawn_second = None;
    let mut size = (0, 0);
    loop {
        let now = local_now();
        if changed || drawn_second != Some(now.timestamp()) {
            drawn_second = Some(now.timestamp());
            let mut caret = None;
            let frame = terminal.draw(|frame| {
                caret = view::draw_with_caret(frame, app, now);
                echo.resend(frame.buffer_mut());
            })?;
            size = (frame.area.width, frame.area.height);
            echo.keep(frame.buffer, caret);
        }
        if std::mem::take(&mut app.bell) {
            let mut out = io::stdout();
            out.write_all(b"\x07")?;
            out.flush()?;
        }
        if app.should_quit {
            return Ok(());
        }
        // Draw after each event, and each second so the clock moves; wake when the open
        // session has something due (a save, the other terminal's edits). Never spin.
        let mut timeout = TICK.saturating_sub(last_tick.elapsed());
        if let Some(due) = app.next_due(local_now()) {
            timeout = timeout.min(due);
        }
        let mut edits_text = true;
        let mut first = true;
        let mut typing = Typing::default();
        let taken = bursts.take_in(&mut burst::Terminal, timeout, BATCH, size, |event| {
            if super::panic_hook::crash_requested_for_tests(&event) {
                // What was typed before it is in the session, as a real crash would find it.
                typing.finish(app, local_now());
                panic!("test crash requested with SONOTE_TEST_PANIC_ON");
            }
            edits_text &= echo::edits_text(&event);
            // The first key shows at once: most keys come alone, and finding out whether
            // others came with it takes a moment (`burst`). The characters typed after it
            // go into the field together.
            if std::mem::take(&mut first) {
                app.on_event(event, local_now());
                if edits_text {
                    echo_in(&mut echo, app)?;
                }
            } else {
                typing.take(app, event, local_now());
            }
            Ok(!app.should_quit)
        });
        // What was typed goes in even when reading the terminal failed.
        typing.finish(app, local_now());
        let taken = taken?;
        log_burst_for_tests(taken);
        // Then the rest of the burst, when all of it stayed in that field.
        if taken > 1 && edits_text {
            echo_in(&mut echo, app)?;
        }
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
        }
        changed = app.poll(local_now()) | (taken > 0);
    }
}

/// Show the keys in their field first, before the whole frame, when the field with the
/// caret is still the one the last whole frame had it in (`Echo::draw` checks).
fn echo_in(echo: &mut Echo, app: &App) -> io::Result<()> {
    if let Some((id, field)) = app.focused_field() {
        echo.draw(&mut io::stdout(), id, field)?;
    }
    Ok(())
}

/// `SONOTE_TEST_BURSTS=<file>` (for the tests, in any build) appends to the file how many events each
/// frame took in, a line a frame, so that the tests can check a burst costs one frame.
fn log_burst_for_tests(taken: usize) {
    if taken == 0 {
        return;
    }
    if let Some(path) = std::env::var_os("SONOTE_TEST_BURSTS") {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path);
        let _ = file.and_then(|mut file| writeln!(file, "{taken}"));
    }
}
