//! The words of the errors the lower layers return as facts (a file's problem, a session
//! busy on another terminal, an export refused, a journal that does not match, a report
//! kept by `purge`), in Japanese and English, for the command line and the screens alike.
//! The lower layers cannot import this module (tests/layers.rs): they keep typed errors,
//! and the faces word them here.

use std::path::Path;

use crate::config::Lang;
use crate::core::LockTrouble;
use crate::core::export::ExportError;
use crate::core::record::RecordFailure;
use crate::i18n::fill;
use crate::model::ClockFault;
use crate::model::record::RecordError;
use crate::model::report_status::SendError;
use crate::store::Kept;
use crate::store::UpdateError;
use crate::store::journal::JournalError;
use crate::store::journal::check::{Broken, Why};
use crate::tomlfile::{FileError, Problem};

pub struct Messages {
    /// Whose words: the clock's events and errors are worded by `Texts`.
    lang: Lang,
    /// Before a field's name in a file error: `{field}`.
    pub field: &'static str,
    pub missing: &'static str,
    /// `{err}`: the system's reason; `{detail}`: the English message with the system's words.
    pub unreadable: &'static str,
    pub permission_denied: &'static str,
    pub not_found: &'static str,
    pub not_regular: &'static str,
    /// `{megabytes}` `{limit}`.
    pub too_large: &'static str,
    pub grew: &'static str,
    pub not_utf8: &'static str,
    /// `{detail}`: the TOML parser's own words.
    pub syntax: &'static str,
    /// `{detail}`.
    pub bad_value: &'static str,
    pub unknown_field: &'static str,
    /// `{detail}`.
    pub missing_field: &'static str,
    pub words_only: &'static str,
    /// `{min}` `{max}`.
    pub between: &'static str,
    /// `{min}`.
    pub at_least: &'static str,
    pub empty: &'static str,
    /// `{value}`.
    pub listed_twice: &'static str,
    /// `{width}` `{max}`: columns.
    pub too_wide: &'static str,
    /// `{other}`: the other field.
    pub same_word_as: &'static str,
    /// `{found}` `{reads}`.
    pub newer_format: &'static str,
    /// `{reads}`.
    pub format_must_be: &'static str,
    pub no_font: &'static str,
    pub braces: &'static str,
    /// `{code}`: U+XXXX.
    pub control_character: &'static str,
    pub unknown_time_zone: &'static str,
    /// `{named}`: the session the part file names; `{ours}`: the one it lies beside.
    pub other_session: &'static str,
    pub clock_earlier: &'static str,
    /// `{event}`: the event's name; `{err}`: why the clock could not take it.
    pub clock_not_possible: &'static str,
    /// `{name}` `{known}`.
    pub unknown_placeholder: &'static str,
    /// `{name}`: a phrase that takes none.
    pub no_placeholder: &'static str,
    /// `{max}`.
    pub at_most: &'static str,
    /// `{min}` `{max}`: the years.
    pub year_between: &'static str,
    pub born_after: &'static str,
    /// `{value}`: what was written.
    pub not_a_time: &'static str,
    /// `{value}`.
    pub institution_number: &'static str,
    /// `{value}`.
    pub insurance_id: &'static str,
    pub nobody_attends: &'static str,
    pub currency: &'static str,
    /// `{value}` `{minutes}`.
    pub warn_minute: &'static str,
    pub no_questions: &'static str,
    pub already_started: &'static str,
    /// `{path}`: the session file.
    pub busy: &'static str,
    /// `{path}`.
    pub not_ours: &'static str,
    /// As `not_ours`, where `--force` can be given.
    pub not_ours_force: &'static str,
    /// `{id}`.
    pub nothing_paid: &'static str,
    /// `{err}`.
    pub template: &'static str,
    pub not_exported: &'static str,
    pub not_ended: &'static str,
    pub read_only: &'static str,
    /// `{n}`: the version confirmed.
    pub already_confirmed: &'static str,
    pub not_confirmed: &'static str,
    pub no_reason: &'static str,
    /// A journal's entry: `{n}`.
    pub entry: &'static str,
    pub torn: &'static str,
    /// `{n}`.
    pub renumbered: &'static str,
    pub unchained: &'static str,
    pub changed_before: &'static str,
    pub file_missing: &'static str,
    /// `{n}`: the last entry.
    pub changed_after: &'static str,
    /// `{why}`.
    pub do_not_apply: &'static str,
    pub replay_differs: &'static str,
    /// `{n}`: the version.
    pub version_changed: &'static str,
    pub kept_no_record: &'static str,
    /// `{from}`: the session file it came from.
    pub kept_other_copy: &'static str,
    pub kept_changed: &'static str,
    pub lock_taken: &'static str,
    /// `{fields}`: the fields this version does not know.
    pub unknown_fields: &'static str,
}

pub static JA: Messages = Messages {
    lang: Lang::Ja,
    field: "項目 `{field}`",
    missing: "ファイルがありません",
    unreadable: "読めません（{err}）",
    permission_denied: "読み書きする権限がありません",
    not_found: "見つかりません",
    not_regular: "通常のファイルではありません（フォルダ、デバイスまたはパイプ）: ファイルのパスを指定してください",
    too_large: "{megabytes} MB あります。sonote が読むのは {limit} MB までのファイルです",
    grew: "読んでいる間に sonote が読める大きさを超えました",
    not_utf8: "UTF-8 のテキストではありません（Shift_JIS？）: UTF-8 で保存し直してください",
    syntax: "TOML の書き方に誤りがあります（パーサ: {detail}）",
    bad_value: "値の種類が違います（パーサ: {detail}）",
    unknown_field: "この名前の項目はありません（綴りの誤り？）",
    missing_field: "必要な項目がありません（パーサ: {detail}）",
    words_only: "例のファイルにある語のどれかを引用符で囲んで書いてください",
    between: "{min} から {max} の間にしてください",
    at_least: "{min} 以上にしてください",
    empty: "空にはできません",
    listed_twice: "「{value}」が二度書かれています",
    too_wide: "幅が {width} 桁あります。カードに入るのは {max} 桁までです",
    same_word_as: "`{other}` と同じ語です",
    newer_format: "新しい sonote 用に書かれています（形式 {found}、この sonote が読むのは {reads}）",
    format_must_be: "{reads} にしてください",
    no_font: "フォント名を書いてください",
    braces: "波かっこの対応が正しくないか、波かっこの中が差し込みの名前ではありません（文字としての波かっこは二つ重ねて書きます）",
    control_character: "Word の文書に書けない制御文字 {code} が入っています。その文字（またはそのエスケープ）を消してください",
    unknown_time_zone: "このコンピュータのタイムゾーンのデータベースにないタイムゾーンです。\"Asia/Tokyo\" のような IANA の名前か、\"JST-9\" のような POSIX の TZ 文字列を書いてください",
    other_session: "セッション「{named}」のファイルです。「{ours}」のものではありません",
    clock_earlier: "一つ前の記録より前の時刻になっています",
    clock_not_possible: "ここで「{event}」はできません: {err}",
    unknown_placeholder: "{{name}} はここでは使えません（使えるもの: {known}）",
    no_placeholder: "{{name}} はここでは使えません（この文には差し込みがありません）",
    at_most: "{max} 以下にしてください（通貨の単位で）",
    year_between: "相談の日付として正しくありません（年は {min} から {max} の間）",
    born_after: "相談の日付より後になっています",
    not_a_time: "「{value}」は 14:30 のような時刻ではありません",
    institution_number: "「{value}」は10桁の保険医療機関番号ではありません（都道府県2桁、点数表1桁（1〜3）、番号7桁）",
    insurance_id: "「{value}」は 保険者番号(8桁):記号:番号:枝番(2桁または空) の形ではありません（例: \"06139999:記号:1234567:01\"）",
    nobody_attends: "false ですが、同行者も書かれていません: 誰かが出席する必要があります",
    currency: "\"JPY\" のような英字3文字の通貨コードにしてください",
    warn_minute: "{value} は 0 より大きく、session.minutes（{minutes}）より小さくしてください",
    no_questions: "質問がありません: 1行に1問ずつ書いてください（空行と # で始まる行は読み飛ばします）",
    already_started: "相談はすでに始まっています: 質問は相談の画面で追加してください（F2: a で追加、i でファイルから）",
    busy: "{path}: このセッションは別の端末で開かれています。そちらで閉じてからやり直してください",
    not_ours: "{path} はこのセッションの以前の出力ではないため、上書きしませんでした",
    not_ours_force: "{path} はこのセッションの以前の出力ではないため、上書きしませんでした（--force で置き換えます）",
    nothing_paid: "{id} はまだ支払いがないため、領収書は作れません",
    template: "報告書テンプレートを使えません: {err}",
    not_exported: "報告書がまだ出力されていません",
    not_ended: "相談が終わっていません。先に終了してください",
    read_only: "この端末ではセッションは閲覧のみです",
    already_confirmed: "記録は確定済みです（第{n}版）。変更するには訂正を開いてください",
    not_confirmed: "記録は確定されていません。訂正なしで変更できます",
    no_reason: "訂正には理由が必要です",
    entry: "{n} 番目の記録",
    torn: "最後の行が途中で切れています（書き込み中の異常終了）",
    renumbered: "番号が {n} になっています（記録が削除または移動されました）",
    unchained: "前の行がつながっている行と違います（行が変更、削除または挿入されました）",
    changed_before: "この記録の前に、ファイルが sonote の外で変更されました",
    file_missing: "ファイルがありません",
    changed_after: "{n} 番目の記録の後に、ファイルが sonote の外で変更されました",
    do_not_apply: "変更を適用できません（{why}）",
    replay_differs: "ジャーナルの変更を最初から適用しても、ファイルの内容になりません",
    version_changed: "第{n}版がないか、確定したときの内容と違います",
    kept_no_record: "そこに書いた内容の記録がありません",
    kept_other_copy: "別のセッションファイル（{from}）から出力されたものです",
    kept_changed: "出力後に変更されています",
    lock_taken: "別の端末がこのセッションのロックを取りました",
    unknown_fields: "このバージョンの sonote が知らない項目（{fields}）があります: それを残すため変更しません。書いた sonote を使ってください",
};

pub static EN: Messages = Messages {
    lang: Lang::En,
    field: "field `{field}`",
    missing: "cannot read the file: it does not exist",
    unreadable: "{detail}",
    permission_denied: "permission denied",
    not_found: "not found",
    not_regular: "is not a regular file (a folder, a device or a pipe): give the path of a file",
    too_large: "is {megabytes} MB; sonote reads files of at most {limit} MB",
    grew: "grew past the size sonote reads while it was read",
    not_utf8: "is not UTF-8 text (Shift_JIS?): save the file as UTF-8",
    syntax: "{detail}",
    bad_value: "{detail}",
    unknown_field: "{detail}",
    missing_field: "{detail}",
    words_only: "must be one of the words the example file lists for it, in quotes",
    between: "must be between {min} and {max}",
    at_least: "must be at least {min}",
    empty: "must not be empty",
    listed_twice: "{detail}",
    too_wide: "{detail}",
    same_word_as: "{detail}",
    newer_format: "{detail}",
    format_must_be: "{detail}",
    no_font: "{detail}",
    braces: "{detail}",
    control_character: "{detail}",
    unknown_time_zone: "{detail}",
    other_session: "{detail}",
    clock_earlier: "{detail}",
    clock_not_possible: "{detail}",
    unknown_placeholder: "{detail}",
    no_placeholder: "{detail}",
    at_most: "{detail}",
    year_between: "{detail}",
    born_after: "{detail}",
    not_a_time: "{detail}",
    institution_number: "{detail}",
    insurance_id: "{detail}",
    nobody_attends: "{detail}",
    currency: "{detail}",
    warn_minute: "{detail}",
    no_questions: "{detail}",
    already_started: "{detail}",
    busy: "{path}: the session is open on another terminal; close it there and try again",
    not_ours: "{path}: the file exists and is not an earlier export of this session",
    not_ours_force: "{path}: the file exists and is not an earlier export of this session (--force replaces it)",
    nothing_paid: "{id}: nothing has been paid yet",
    template: "the report template cannot be used: {err}",
    not_exported: "the report has not been exported yet",
    not_ended: "the consultation has not ended: end it first",
    read_only: "the session is read-only on this terminal",
    already_confirmed: "the record is already confirmed (version {n}); a change needs a correction",
    not_confirmed: "the record is not confirmed: it can still be changed without a correction",
    no_reason: "a correction needs its reason",
    entry: "entry {n}",
    torn: "the last line was cut short (a crash while it was written)",
    renumbered: "numbered {n} (an entry was removed or moved)",
    unchained: "the line before it is not the one it was chained to (a line was changed, removed or inserted)",
    changed_before: "the file was changed outside sonote before this entry",
    file_missing: "the file is missing",
    changed_after: "the file was changed outside sonote after entry {n}",
    do_not_apply: "its changes do not apply: {why}",
    replay_differs: "the journal's changes, replayed, do not give the file's content",
    version_changed: "version {n} is missing or is not what was confirmed",
    kept_no_record: "no record of what was written there",
    kept_other_copy: "exported from another session file ({from})",
    kept_changed: "changed since it was exported",
    lock_taken: "another terminal took the session's lock",
    unknown_fields: "the file has fields this version of sonote does not know ({fields}): it is not changed, so that they are kept; use the sonote that wrote them",
};

impl Lang {
    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl Messages {
    /// A file's problem: `path:line: field `x`: what`, the file, line and field always named.
    pub fn file_error(&self, err: &FileError) -> String {
        let mut text = err.path.display().to_string();
        if let Some(line) = err.line {
            text.push_str(&format!(":{line}"));
        }
        if let Some(field) = &err.field {
            text.push_str(": ");
            text.push_str(&fill(self.field, &[("field", field)]));
        }
        text.push_str(": ");
        text.push_str(&self.problem(err));
        text
    }

    /// What is wrong with the file, without where. Every template may use `{detail}`, the
    /// English message (the parser's own words for a syntax error).
    fn problem(&self, err: &FileError) -> String {
        let n = |n: &dyn ToString| n.to_string();
        let (template, values): (&str, Vec<(&str, String)>) = match &err.problem {
            // A rule with English words only.
            Problem::Other => return err.message.clone(),
            Problem::Missing => (self.missing, vec![]),
            Problem::Unreadable(kind) => (self.unreadable, vec![("err", self.io_kind(*kind))]),
            Problem::NotRegular => (self.not_regular, vec![]),
            Problem::TooLarge { megabytes, limit } => (
                self.too_large,
                vec![("megabytes", megabytes.clone()), ("limit", n(limit))],
            ),
            Problem::Grew => (self.grew, vec![]),
            Problem::NotUtf8 => (self.not_utf8, vec![]),
            Problem::Syntax => (self.syntax, vec![]),
            Problem::BadValue => (self.bad_value, vec![]),
            Problem::UnknownField => (self.unknown_field, vec![]),
            Problem::MissingField => (self.missing_field, vec![]),
            Problem::WordsOnly => (self.words_only, vec![]),
            Problem::Between { min, max } => (self.between, vec![("min", n(min)), ("max", n(max))]),
            Problem::AtLeast(min) => (self.at_least, vec![("min", n(min))]),
            Problem::Empty => (self.empty, vec![]),
            Problem::AtMost(max) => (self.at_most, vec![("max", n(max))]),
            Problem::YearBetween { min, max } => {
                (self.year_between, vec![("min", n(min)), ("max", n(max))])
            }
            Problem::BornAfter => (self.born_after, vec![]),
            Problem::NotATime(value) => (self.not_a_time, vec![("value", value.clone())]),
            Problem::InstitutionNumber(value) => {
                (self.institution_number, vec![("value", value.clone())])
            }
            Problem::InsuranceId(value) => (self.insurance_id, vec![("value", value.clone())]),
            Problem::NobodyAttends => (self.nobody_attends, vec![]),
            Problem::Currency => (self.currency, vec![]),
            Problem::WarnMinute { value, minutes } => (
                self.warn_minute,
                vec![("value", n(value)), ("minutes", n(minutes))],
            ),
            Problem::NoQuestions => (self.no_questions, vec![]),
            Problem::AlreadyStarted => (self.already_started, vec![]),
            Problem::ListedTwice(value) => (self.listed_twice, vec![("value", value.clone())]),
            Problem::TooWide { width, max } => {
                (self.too_wide, vec![("width", n(width)), ("max", n(max))])
            }
            Problem::SameWordAs(other) => (self.same_word_as, vec![("other", other.clone())]),
            Problem::NewerFormat { found, reads } => (
                self.newer_format,
                vec![("found", n(found)), ("reads", n(reads))],
            ),
            Problem::FormatMustBe(reads) => (self.format_must_be, vec![("reads", n(reads))]),
            Problem::NoFont => (self.no_font, vec![]),
            Problem::Braces => (self.braces, vec![]),
            Problem::ControlCharacter(code) => (
                self.control_character,
                vec![("code", format!("U+{code:04X}"))],
            ),
            Problem::UnknownTimeZone => (self.unknown_time_zone, vec![]),
            Problem::NotOurs(ids) => (
                self.other_session,
                vec![("named", ids.0.clone()), ("ours", ids.1.clone())],
            ),
            Problem::Clock(ClockFault::EarlierThanBefore) => (self.clock_earlier, vec![]),
            Problem::Clock(ClockFault::NotPossible(kind, err)) => {
                let texts = self.lang.texts();
                (
                    self.clock_not_possible,
                    vec![
                        ("event", texts.event(*kind).to_string()),
                        ("err", texts.clock_error(err)),
                    ],
                )
            }
            Problem::UnknownPlaceholder(slot) if slot.1.is_empty() => {
                (self.no_placeholder, vec![("name", slot.0.clone())])
            }
            Problem::UnknownPlaceholder(slot) => (
                self.unknown_placeholder,
                vec![("name", slot.0.clone()), ("known", slot.1.join(", "))],
            ),
        };
        let mut values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        values.push(("detail", &err.message));
        fill(template, &values)
    }

    /// A system error (reading or writing a file) in the user's language where its kind
    /// says enough; else the system's own words.
    pub fn io(&self, err: &std::io::Error) -> String {
        match err.kind() {
            std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                self.io_kind(err.kind())
            }
            _ => err.to_string(),
        }
    }

    fn io_kind(&self, kind: std::io::ErrorKind) -> String {
        match kind {
            std::io::ErrorKind::NotFound => self.not_found.to_string(),
            std::io::ErrorKind::PermissionDenied => self.permission_denied.to_string(),
            other => other.to_string(),
        }
    }

    /// A journal that cannot be read: the file, and the line when one is at fault.
    pub fn journal_error(&self, err: &JournalError) -> String {
        match err {
            // Only `open_regular` says InvalidInput: a folder, a device or a pipe.
            JournalError::Io { path, err } if err.kind() == std::io::ErrorKind::InvalidInput => {
                format!("{}: {}", path.display(), self.not_regular)
            }
            JournalError::Io { path, err } => format!("{}: {}", path.display(), self.io(err)),
            JournalError::Line {
                path,
                line,
                message,
            } => {
                format!("{}:{line}: {message}", path.display())
            }
        }
    }

    /// A change to a session from outside its screen refused; `path` is the session file.
    pub fn update_error(&self, err: &UpdateError, path: &Path) -> String {
        match err {
            UpdateError::Busy => self.busy(path),
            UpdateError::File(err) => self.file_error(err),
            UpdateError::Io(err) => format!("{}: {}", path.display(), self.io(err)),
        }
    }

    /// `path` is open on another terminal.
    pub fn busy(&self, path: &Path) -> String {
        fill(self.busy, &[("path", &path.display().to_string())])
    }

    /// Why an export failed; `force`: whether the face offers `--force`.
    pub fn export_error(&self, err: &ExportError, force: bool) -> String {
        match err {
            ExportError::Template(err) => fill(self.template, &[("err", &self.file_error(err))]),
            ExportError::NotOurs(path) => fill(
                if force {
                    self.not_ours_force
                } else {
                    self.not_ours
                },
                &[("path", &path.display().to_string())],
            ),
            ExportError::Busy(path) => self.busy(path),
            ExportError::Session(err) => self.file_error(err),
            ExportError::Io(path, err) => format!("{}: {}", path.display(), self.io(err)),
            ExportError::NothingPaid(id) => fill(self.nothing_paid, &[("id", id)]),
        }
    }

    pub fn send_error(&self, err: &SendError) -> &'static str {
        match err {
            SendError::NotExported => self.not_exported,
        }
    }

    pub fn record_error(&self, err: &RecordError) -> String {
        match err {
            RecordError::AlreadyConfirmed(n) => {
                fill(self.already_confirmed, &[("n", &n.to_string())])
            }
            RecordError::NotConfirmed => self.not_confirmed.to_string(),
            RecordError::NoReason => self.no_reason.to_string(),
        }
    }

    /// Why the record could not be confirmed or corrected; `path` is the session file.
    pub fn record_failure(&self, err: &RecordFailure, path: &Path) -> String {
        match err {
            RecordFailure::Record(err) => self.record_error(err),
            RecordFailure::NotEnded => self.not_ended.to_string(),
            RecordFailure::ReadOnly => self.read_only.to_string(),
            RecordFailure::Update(err) => self.update_error(err, path),
            RecordFailure::Io(err) => format!("{}: {}", path.display(), self.io(err)),
        }
    }

    /// A file that does not match its journal: the file, the entry, what is wrong.
    pub fn broken(&self, broken: &Broken) -> String {
        let why = match &broken.why {
            // Said of the journal beside `broken.file`.
            Why::Unreadable(Some(std::io::ErrorKind::InvalidInput), _) => {
                let journal = crate::store::journal::path_for(&broken.file);
                format!("{}: {}", journal.display(), self.not_regular)
            }
            Why::Unreadable(_, err) => err.clone(),
            Why::Torn => self.torn.to_string(),
            Why::Renumbered(n) => fill(self.renumbered, &[("n", &n.to_string())]),
            Why::Unchained => self.unchained.to_string(),
            Why::ChangedBefore => self.changed_before.to_string(),
            Why::FileMissing => self.file_missing.to_string(),
            Why::ChangedAfter(n) => fill(self.changed_after, &[("n", &n.to_string())]),
            Why::DoNotApply(why) => fill(self.do_not_apply, &[("why", why)]),
            Why::ReplayDiffers => self.replay_differs.to_string(),
            Why::VersionChanged(n) => fill(self.version_changed, &[("n", &n.to_string())]),
        };
        match broken.entry {
            Some(n) => format!(
                "{}: {}: {why}",
                broken.file.display(),
                fill(self.entry, &[("n", &n.to_string())])
            ),
            None => format!("{}: {why}", broken.file.display()),
        }
    }

    /// Why this terminal does not save.
    pub fn lock_trouble(&self, trouble: &LockTrouble) -> String {
        match trouble {
            LockTrouble::TakenElsewhere => self.lock_taken.to_string(),
            LockTrouble::Io(err) => err.clone(),
            LockTrouble::UnknownFields(fields) => {
                fill(self.unknown_fields, &[("fields", &fields.join(", "))])
            }
        }
    }

    /// Why `purge` leaves an exported report where it is.
    pub fn kept(&self, kept: &Kept) -> String {
        match kept {
            Kept::NoRecord => self.kept_no_record.to_string(),
            Kept::OtherCopy(from) => fill(self.kept_other_copy, &[("from", from)]),
            Kept::Changed => self.kept_changed.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClockError, EventKind};

    fn every_problem() -> Vec<Problem> {
        vec![
            Problem::Missing,
            Problem::Unreadable(std::io::ErrorKind::PermissionDenied),
            Problem::NotRegular,
            Problem::TooLarge {
                megabytes: "20.0".into(),
                limit: 16,
            },
            Problem::Grew,
            Problem::NotUtf8,
            Problem::Syntax,
            Problem::BadValue,
            Problem::UnknownField,
            Problem::MissingField,
            Problem::WordsOnly,
            Problem::Between { min: 1, max: 240 },
            Problem::AtLeast(5),
            Problem::Empty,
            Problem::AtMost(100),
            Problem::YearBetween {
                min: 2000,
                max: 2100,
            },
            Problem::BornAfter,
            Problem::NotATime("25時".into()),
            Problem::InstitutionNumber("123".into()),
            Problem::InsuranceId("1".into()),
            Problem::NobodyAttends,
            Problem::Currency,
            Problem::WarnMinute {
                value: 0,
                minutes: 30,
            },
            Problem::NoQuestions,
            Problem::AlreadyStarted,
            Problem::ListedTwice("patient".into()),
            Problem::TooWide { width: 12, max: 10 },
            Problem::SameWordAs("consider".into()),
            Problem::NewerFormat { found: 2, reads: 1 },
            Problem::FormatMustBe(1),
            Problem::NoFont,
            Problem::Braces,
            Problem::ControlCharacter(0x1b),
            Problem::UnknownTimeZone,
            Problem::NotOurs(Box::new(("2026-12-01-01".into(), "2026-12-01-02".into()))),
            Problem::Clock(ClockFault::EarlierThanBefore),
            Problem::Clock(ClockFault::NotPossible(
                EventKind::Resume,
                ClockError::NotPaused,
            )),
            Problem::UnknownPlaceholder(Box::new(("doctor".into(), vec!["{physician}".into()]))),
            Problem::UnknownPlaceholder(Box::new(("doctor".into(), vec![]))),
        ]
    }

    /// Every problem is worded with each of its placeholders filled, in Japanese with a
    /// Japanese sentence, and names the file, the line and the field.
    #[test]
    fn every_problem_is_worded_where_it_is() {
        for problem in every_problem() {
            let err = FileError {
                line: Some(7),
                field: Some("session.minutes".into()),
                ..FileError::new(Path::new("/x/hospital.toml"), "the English words")
            }
            .with(problem.clone());
            for (lang, messages) in [("ja", &JA), ("en", &EN)] {
                let said = messages.file_error(&err);
                // A placeholder's own name is in braces, as the template writes it.
                let said = said.replace("{doctor}", "").replace("{physician}", "");
                assert!(!said.contains('{'), "{lang} {problem:?}: {said}");
                assert!(said.starts_with("/x/hospital.toml:7: "), "{said}");
                assert!(said.contains("`session.minutes`"), "{said}");
            }
            let said = JA.file_error(&err);
            let japanese = said.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
            assert!(japanese, "{problem:?}: {said}");
            // The parser's own words are quoted as its detail; nothing else is English.
            let parser = matches!(
                problem,
                Problem::Syntax | Problem::BadValue | Problem::MissingField
            );
            assert_eq!(said.contains("the English words"), parser, "{said}");
        }
    }

    /// A rule with only English words keeps them: the facts are never lost.
    #[test]
    fn a_rule_without_its_own_words_says_the_english_ones() {
        let err = FileError::new(Path::new("a.toml"), "must name a font");
        assert_eq!(JA.file_error(&err), "a.toml: must name a font");
    }
}
