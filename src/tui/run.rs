//! The event loop: the only place that reads the system clock and the terminal.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

use super::app::App;
use super::view;
use crate::model::Timestamp;

const TICK: Duration = Duration::from_secs(1);
/// How often the other terminal's file is looked at and typing is saved: a quarter second
/// each way keeps an edit's way to the other screen well under a second.
const SYNC: Duration = Duration::from_millis(250);

pub fn local_now() -> Timestamp {
    chrono::Local::now().fixed_offset()
}

/// Take over the terminal, run until the user quits, and give the terminal back as it was,
/// also when something panics.
pub fn run(app: &mut App) -> io::Result<()> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
        previous_hook(info);
    }));
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::try_restore()?;
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut last_tick = Instant::now();
    let mut last_sync = Instant::now();
    loop {
        let now = local_now();
        terminal.draw(|frame| view::draw(frame, app, now))?;
        if std::mem::take(&mut app.bell) {
            let mut out = io::stdout();
            out.write_all(b"\x07")?;
            out.flush()?;
        }
        if app.should_quit {
            return Ok(());
        }
        // Draw after each event, and at each sync and tick so the clock moves and the other
        // terminal's edits show; never spin.
        let timeout = TICK
            .saturating_sub(last_tick.elapsed())
            .min(SYNC.saturating_sub(last_sync.elapsed()));
        if event::poll(timeout)? {
            let event = event::read()?;
            app.on_event(event, local_now());
        }
        if last_tick.elapsed() >= TICK {
            // The tick syncs too.
            app.on_tick(local_now());
            last_tick = Instant::now();
            last_sync = last_tick;
        } else if last_sync.elapsed() >= SYNC {
            app.on_sync();
            last_sync = Instant::now();
        }
    }
}
