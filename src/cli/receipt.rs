//! `sonote receipt` and `sonote cancel`: the clerk's receipt and cancellation from the
//! command line, worded in the configured language as the desk words them.

use std::path::PathBuf;

use super::Failure;
use super::args::{ReceiptArgs, ReceiptFormat};
use crate::config::Config;
use crate::core::export::{self, Destination, Job, Source};
use crate::core::now as local_now;
use crate::i18n::fill;
use crate::model::money::CancelError;
use crate::report::Format;
use crate::store::{self, Store};

pub(super) fn receipt(config: &Config, store: &Store, args: ReceiptArgs) -> Result<(), Failure> {
    let format = match args.format {
        ReceiptFormat::Docx => Format::Docx,
        ReceiptFormat::Md => Format::Markdown,
    };
    // Its fonts are the report template's.
    let template = super::export::template(config, args.lang)?;
    let job = Job {
        config,
        template: &template,
        format,
        force: args.force,
        with_memo: false,
    };
    let path = store.resolve(&args.session);
    if args.out.as_deref() == Some(std::path::Path::new("-")) {
        let render = || export::render_receipt_file(&path, &job);
        let (_, bytes) = super::export::to_stdout_first(&job, render)?;
        return super::export::write_stdout(config.ui.language, &bytes);
    }
    let destination = match (args.out, args.out_dir) {
        (Some(out), _) => Destination::File(out),
        (None, Some(dir)) => Destination::Dir(dir),
        (None, None) => Destination::WorkingDir,
    };
    let messages = config.ui.language.messages();
    let written = export::export_receipt(Source::File(&path), &job, &destination, local_now())
        .map_err(|err| failure(messages.export_error(&err, !job.force)))?;
    let texts = config.ui.language.desk_texts();
    let out: PathBuf = written.path;
    println!(
        "{}",
        fill(
            texts.receipt_written,
            &[("id", &written.id), ("path", &out.display().to_string())]
        )
    );
    Ok(())
}

pub(super) fn cancel(
    config: &Config,
    store: &Store,
    session_arg: &str,
    reason: &str,
) -> Result<(), Failure> {
    let path = store.resolve(session_arg);
    let now = local_now();
    let by = crate::core::author(config, "clerk");
    let texts = config.ui.language.desk_texts();
    let (session, result) = store::update(&path, &by, now, |session| session.cancel(reason, now))
        .map_err(|err| match err {
        store::UpdateError::Busy => failure(fill(texts.busy, &[("id", session_arg)])),
        other => failure(config.ui.language.messages().update_error(&other, &path)),
    })?;
    let id = session.id.as_str();
    match result {
        Ok(()) => {
            println!("{}", fill(texts.cancelled_msg, &[("id", id)]));
            Ok(())
        }
        Err(err) => Err(failure(fill(
            match err {
                CancelError::Started => texts.cannot_cancel,
                CancelError::AlreadyCancelled => texts.already_cancelled,
                CancelError::NoReason => texts.cancel_reason_required,
            },
            &[("id", id)],
        ))),
    }
}

fn failure(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        code: 1,
    }
}
