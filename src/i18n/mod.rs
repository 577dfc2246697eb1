//! The words on the screens, in Japanese and English. Templates use `{name}` placeholders.
//! Screens with many words of their own keep them in a file of their own here.

pub mod cli;
pub mod desk;
pub mod fhir;
pub mod intake;

pub mod keys;

pub mod messages;

pub mod opinion;

pub mod questions;

pub mod report;

use crate::config::Lang;
use crate::model::intake::Exclusion;
use crate::model::{ClockError, ClockState, EventKind, FeeItem, Missing, Mode};

pub struct Texts {
    pub ready: &'static str,
    pub running: &'static str,
    pub paused: &'static str,
    pub ended: &'static str,
    pub remaining: &'static str,
    pub elapsed: &'static str,
    pub extension: &'static str,
    pub overtime: &'static str,
    pub took: &'static str,
    pub fee: &'static str,
    pub tax_included: &'static str,
    pub tax_excluded: &'static str,
    pub in_person: &'static str,
    pub online: &'static str,
    pub hybrid: &'static str,
    pub fee_base: &'static str,
    pub fee_online: &'static str,
    pub fee_extension: &'static str,
    pub ev_start: &'static str,
    pub ev_pause: &'static str,
    pub ev_resume: &'static str,
    pub ev_extend: &'static str,
    pub ev_withdraw: &'static str,
    /// The minutes an event adds, as the clock record shows them.
    pub ev_minutes: &'static str,
    pub ev_end: &'static str,
    pub sessions: &'static str,
    pub no_sessions: &'static str,
    pub today: &'static str,
    pub col_date: &'static str,
    pub col_id: &'static str,
    pub col_patient: &'static str,
    pub col_mode: &'static str,
    pub col_state: &'static str,
    pub unreadable: &'static str,
    pub questions: &'static str,
    pub no_questions: &'static str,
    pub record: &'static str,
    pub not_started: &'static str,
    pub memo: &'static str,
    pub memo_editing: &'static str,
    pub patient_honorific: &'static str,
    pub new_session: &'static str,
    pub field_name: &'static str,
    pub field_kana: &'static str,
    pub field_hospital_id: &'static str,
    /// The new session's scheduled day.
    pub field_date: &'static str,
    /// `{text}`: what was typed in the date field.
    pub bad_date: &'static str,
    pub field_mode: &'static str,
    pub name_required: &'static str,
    pub created: &'static str,
    pub confirm_extend: &'static str,
    /// As `confirm_extend`, when the extension is charged only once its time is used.
    pub confirm_extend_used: &'static str,
    /// `{m}`: the minutes taken back.
    pub confirm_withdraw: &'static str,
    pub withdrawn: &'static str,
    /// `{date}`: the day the session is scheduled; `{today}`.
    pub confirm_start_other_day: &'static str,
    pub confirm_end: &'static str,
    pub confirm_quit_unsaved: &'static str,
    pub extended: &'static str,
    pub ended_msg: &'static str,
    pub started: &'static str,
    pub paused_msg: &'static str,
    pub resumed: &'static str,
    pub cancelled: &'static str,
    pub slept: &'static str,
    pub warn_left: &'static str,
    pub time_up: &'static str,
    pub not_saved: &'static str,
    /// Shown on the home screen, the desk and the report tab while the letterhead is the
    /// embedded sample's.
    pub sample_letterhead: &'static str,
    pub saved_again: &'static str,
    pub err_not_started: &'static str,
    pub err_already_running: &'static str,
    pub err_not_running: &'static str,
    pub err_not_paused: &'static str,
    pub err_already_ended: &'static str,
    pub err_no_extension: &'static str,
    pub err_cancelled: &'static str,
    pub err_no_withdraw: &'static str,
    pub err_extension_in_use: &'static str,
    pub help_title: &'static str,
    pub hints_memo: &'static str,
    /// What each key does, for the help and the hint lines.
    pub keys: &'static keys::KeyTexts,
    pub tab_consult: &'static str,
    pub tab_intake: &'static str,
    pub missing_referral: &'static str,
    pub missing_consent: &'static str,
    pub missing_relationship: &'static str,
    pub declined_because: &'static str,
    pub read_only: &'static str,
    /// `{err}`: why this terminal does not save (no lock, fields it does not know).
    pub read_only_because: &'static str,
    /// `{err}`: why the lock was lost.
    pub lock_lost: &'static str,
    pub read_only_mark: &'static str,
    /// `{n}`: the version confirmed.
    pub record_locked: &'static str,
    pub confirm_record: &'static str,
    pub confirm_edit_sent: &'static str,
    pub edit_sent_allowed: &'static str,
    /// `{n}`: the version.
    pub record_confirmed: &'static str,
    pub correction_title: &'static str,
    pub correction_hint: &'static str,
    pub correction_reason: &'static str,
    /// `{n}`: the version corrected.
    pub correction_opened: &'static str,
    /// `{err}`: why the record could not be confirmed or corrected.
    pub record_failed: &'static str,
    pub override_title: &'static str,
    pub override_hint: &'static str,
    pub override_reason: &'static str,
    pub override_reason_required: &'static str,
    pub started_with_override: &'static str,
    /// The seven exclusions, in the order of `Exclusion::ALL`.
    pub exclusions: [&'static str; 7],
    pub tab_opinion: &'static str,
    pub tab_questions: &'static str,
    pub tab_report: &'static str,
}

pub static JA: Texts = Texts {
    ready: "開始前",
    running: "進行中",
    paused: "一時停止",
    ended: "終了",
    remaining: "残り",
    elapsed: "経過",
    extension: "延長",
    overtime: "超過",
    took: "所要",
    fee: "料金",
    tax_included: "税込",
    tax_excluded: "税別",
    in_person: "対面",
    online: "オンライン",
    hybrid: "ハイブリッド",
    fee_base: "基本料金",
    fee_online: "オンライン料金",
    fee_extension: "延長料金",
    ev_start: "開始",
    ev_pause: "一時停止",
    ev_resume: "再開",
    ev_extend: "延長",
    ev_withdraw: "延長取消",
    ev_minutes: "+{m}分",
    ev_end: "終了",
    sessions: "セッション一覧",
    no_sessions: "セッションはまだありません。n で新しいセッションを作成します。",
    today: "今日",
    col_date: "予定日",
    col_id: "ID",
    col_patient: "患者",
    col_mode: "形式",
    col_state: "状態",
    unreadable: "読めないファイル",
    questions: "準備された質問",
    no_questions: "準備された質問はありません。",
    record: "記録",
    not_started: "まだ開始していません。Space で開始します。",
    memo: "メモ (m で編集)",
    memo_editing: "メモ — 編集中 (Esc で終了)",
    patient_honorific: "様",
    new_session: "新しいセッション",
    field_name: "患者氏名",
    field_kana: "ふりがな",
    field_hospital_id: "患者ID",
    field_date: "予定日（2026-12-01、12/1 など）",
    bad_date: "予定日「{text}」が読めません。2026-12-01 や 12/1 の形で入力してください。",
    field_mode: "形式",
    name_required: "患者氏名を入力してください。",
    created: "セッション {id} を作成しました。",
    confirm_extend: "{m}分延長しますか？ 延長料金 {fee} が加わります。 (y/n)",
    confirm_extend_used: "{m}分延長しますか？ 延長の時間に入ると延長料金 {fee} が加わります（使う前なら x で取り消せます）。 (y/n)",
    confirm_withdraw: "延長（{m}分）はまだ使っていません。取り消しますか？ (y/n)",
    withdrawn: "延長を取り消しました。",
    confirm_start_other_day: "このセッションの予定日は {date} です。今日（{today}）相談を始めますか？ (y/n)",
    confirm_end: "相談を終了しますか？ 終了後は時間を数えません。 (y/n)",
    confirm_quit_unsaved: "保存されていない変更があります。それでも終了しますか？ (y/n)",
    extended: "{m}分延長しました。",
    ended_msg: "相談を終了しました。所要 {d}。",
    started: "開始しました。",
    paused_msg: "一時停止しました。",
    resumed: "再開しました。",
    cancelled: "取り消しました。",
    slept: "{from}〜{to} の間コンピュータが停止していたため、{from} で一時停止しました。Space で再開します。",
    warn_left: "残り {m} 分です。",
    time_up: "予定の時間になりました。",
    not_saved: "保存できていません — 再試行中",
    sample_letterhead: "レターヘッドが見本のままです: sonote init で [institution] を設定してください",
    saved_again: "保存できました。",
    err_not_started: "まだ開始していません。",
    err_already_running: "すでに進行中です。",
    err_not_running: "進行中ではありません。",
    err_not_paused: "一時停止中ではありません。",
    err_already_ended: "相談はすでに終了しています。",
    err_no_extension: "延長はこれ以上できません（{n}回まで）。",
    err_cancelled: "このセッションは中止されています。",
    err_no_withdraw: "取り消す延長はありません。",
    err_extension_in_use: "延長の時間に入っているため、取り消せません。",
    help_title: "キー一覧",
    hints_memo: "メモ編集中 — Esc で終了 (入力は自動保存)",
    keys: &keys::JA,
    tab_consult: "相談",
    tab_intake: "受付",
    missing_referral: "紹介状（診療情報提供書）がありません。",
    missing_consent: "患者本人が来院しないため、本人の相談同意書が必要です。",
    missing_relationship: "未成年の患者が来院しないため、続柄を確認できる書類（保険証など）が必要です。",
    declined_because: "お断りした申込みです: {reason}",
    read_only_mark: "読み取り専用",
    record_locked: "確定済み（第{n}版）: 変更するには報告書タブ（F4）で R を押し、訂正の理由を入力してください。",
    confirm_record: "記録と報告書を確定しますか？ 確定後の変更には訂正（理由の記録）が必要になります。 (y/n)",
    confirm_edit_sent: "この報告書は {at} に送付済みです。変更すると送った報告書と食い違います。変更しますか？ (y/n)",
    edit_sent_allowed: "送付済みの記録を変更できます。もう一度入力してください。変更後は報告書を出力し直して送ってください。",
    record_confirmed: "確定しました（第{n}版）。",
    correction_title: "訂正",
    correction_hint: "訂正の理由を入力して Enter（理由と訂正前の記載は記録され、次の版の報告書に載ります）。Esc で取り消し。",
    correction_reason: "訂正の理由",
    correction_opened: "第{n}版の訂正を始めました。変更後、報告書タブで C を押して確定してください。",
    record_failed: "確定・訂正できません: {err}",
    read_only: "読み取り専用: このセッションは別の端末で開かれています（表示は自動で更新されます）。",
    read_only_because: "読み取り専用: 保存しません（{err}）。",
    lock_lost: "保存を止めました: 書き込みのロックが失われました（{err}）。画面の未保存の内容を控えてください。",
    override_title: "受付要件が満たされていません",
    override_hint: "それでも開始する場合は理由を入力して Enter（理由は記録され、報告書に記載されます）。Esc で取り消し。",
    override_reason: "開始する理由",
    override_reason_required: "開始する理由を入力してください。",
    started_with_override: "要件不足のまま開始しました。理由を記録しました。",
    exclusions: [
        "患者本人・家族以外からの相談",
        "患者本人の同意がない家族からの相談",
        "当院での治療を希望（一般外来へ）",
        "主治医への不満・転院・医療過誤・訴訟に関する相談",
        "患者本人が死亡している",
        "主治医の了承がない",
        "該当分野の専門医がいない",
    ],
    tab_opinion: "所見",
    tab_questions: "質問",
    tab_report: "報告書",
};

pub static EN: Texts = Texts {
    ready: "Ready",
    running: "Running",
    paused: "Paused",
    ended: "Ended",
    remaining: "Left",
    elapsed: "Elapsed",
    extension: "Ext.",
    overtime: "Over",
    took: "Took",
    fee: "Fee",
    tax_included: "tax incl.",
    tax_excluded: "tax excl.",
    in_person: "In person",
    online: "Online",
    hybrid: "Hybrid",
    fee_base: "Consultation",
    fee_online: "Online consultation",
    fee_extension: "Extension",
    ev_start: "Start",
    ev_pause: "Pause",
    ev_resume: "Resume",
    ev_extend: "Extend",
    ev_withdraw: "Extension withdrawn",
    ev_minutes: "+{m} min",
    ev_end: "End",
    sessions: "Sessions",
    no_sessions: "No sessions yet. Press n to create one.",
    today: "today",
    col_date: "Date",
    col_id: "ID",
    col_patient: "Patient",
    col_mode: "Mode",
    col_state: "State",
    unreadable: "unreadable file",
    questions: "Prepared questions",
    no_questions: "No prepared questions.",
    record: "Record",
    not_started: "Not started yet. Press Space to start.",
    memo: "Notes (m to edit)",
    memo_editing: "Notes — editing (Esc to stop)",
    patient_honorific: "",
    new_session: "New session",
    field_name: "Patient name",
    field_kana: "Reading (kana)",
    field_hospital_id: "Patient ID",
    field_date: "Scheduled day (2026-12-01, 12/1, ...)",
    bad_date: "Cannot read the scheduled day \"{text}\": type it as 2026-12-01 or 12/1.",
    field_mode: "Mode",
    name_required: "Enter the patient's name.",
    created: "Created session {id}.",
    confirm_extend: "Extend by {m} minutes? The extension fee {fee} is added. (y/n)",
    confirm_extend_used: "Extend by {m} minutes? The extension fee {fee} is added once its time is used (until then, x takes it back). (y/n)",
    confirm_withdraw: "The extension ({m} min) is not used yet. Withdraw it? (y/n)",
    withdrawn: "Extension withdrawn.",
    confirm_start_other_day: "This session is scheduled for {date}. Start the consultation today ({today})? (y/n)",
    confirm_end: "End the consultation? Time is no longer counted after it. (y/n)",
    confirm_quit_unsaved: "There are unsaved changes. Quit anyway? (y/n)",
    extended: "Extended by {m} minutes.",
    ended_msg: "Consultation ended after {d}.",
    started: "Started.",
    paused_msg: "Paused.",
    resumed: "Resumed.",
    cancelled: "Cancelled.",
    slept: "The computer was asleep from {from} to {to}; the clock was paused at {from}. Space resumes.",
    warn_left: "{m} minutes left.",
    time_up: "The scheduled time is up.",
    not_saved: "NOT SAVED — retrying",
    sample_letterhead: "The letterhead is the sample's: run sonote init and set [institution]",
    saved_again: "Saved again.",
    err_not_started: "The clock has not been started.",
    err_already_running: "The clock is already running.",
    err_not_running: "The clock is not running.",
    err_not_paused: "The clock is not paused.",
    err_already_ended: "The consultation has already ended.",
    err_no_extension: "No extension left ({n} allowed).",
    err_cancelled: "This session is cancelled.",
    err_no_withdraw: "There is no extension to withdraw.",
    err_extension_in_use: "The extension is already in use; it cannot be withdrawn.",
    help_title: "Keys",
    hints_memo: "Editing notes — Esc to stop (saved as you type)",
    keys: &keys::EN,
    tab_consult: "Consult",
    tab_intake: "Intake",
    missing_referral: "No referral letter from the primary physician.",
    missing_consent: "The patient does not attend: the patient's signed consent form is needed.",
    missing_relationship: "A minor patient does not attend: a document showing the relationship (e.g. an insurance card) is needed.",
    declined_because: "This request was declined: {reason}",
    read_only_mark: "read-only",
    record_locked: "Confirmed (version {n}): to change it, press R on the report tab (F4) and give the reason for the correction.",
    confirm_record: "Confirm the record and the report? After this, a change needs a correction with its reason. (y/n)",
    confirm_edit_sent: "This report was sent at {at}. A change makes the record differ from the letter sent. Change it? (y/n)",
    edit_sent_allowed: "The sent record can be changed: type again. Export and send the report again afterwards.",
    record_confirmed: "Confirmed (version {n}).",
    correction_title: "Correction",
    correction_hint: "Type the reason for the correction and press Enter (the reason and the text it replaces are recorded and printed in the next version of the report). Esc cancels.",
    correction_reason: "Reason for the correction",
    correction_opened: "Correcting version {n}. When done, press C on the report tab to confirm.",
    record_failed: "Cannot confirm or correct: {err}",
    read_only: "Read-only: this session is open on another terminal (the view follows its saves).",
    read_only_because: "Read-only: nothing is saved ({err}).",
    lock_lost: "Saving stopped: the lock for writing was lost ({err}). Copy down what is unsaved on screen.",
    override_title: "Requirements are not met",
    override_hint: "To start anyway, type the reason and press Enter (it is recorded and printed in the report). Esc cancels.",
    override_reason: "Reason to start",
    override_reason_required: "Type the reason to start.",
    started_with_override: "Started with requirements missing; the reason is recorded.",
    exclusions: [
        "someone other than the patient or family",
        "family without the patient's consent",
        "wants treatment at this hospital (general outpatient instead)",
        "complaint about the primary physician, transfer, malpractice or litigation",
        "the patient has died",
        "the primary physician has not agreed",
        "no specialist here for this area",
    ],
    tab_opinion: "Opinion",
    tab_questions: "Questions",
    tab_report: "Report",
};

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl Texts {
    pub fn state(&self, state: ClockState) -> &'static str {
        match state {
            ClockState::Ready => self.ready,
            ClockState::Running => self.running,
            ClockState::Paused => self.paused,
            ClockState::Ended => self.ended,
        }
    }

    pub fn mode(&self, mode: Mode) -> &'static str {
        match mode {
            Mode::InPerson => self.in_person,
            Mode::Online => self.online,
            Mode::Hybrid => self.hybrid,
        }
    }

    pub fn fee_item(&self, item: FeeItem) -> &'static str {
        match item {
            FeeItem::Base => self.fee_base,
            FeeItem::Online => self.fee_online,
            FeeItem::Extension => self.fee_extension,
        }
    }

    pub fn event(&self, kind: EventKind) -> &'static str {
        match kind {
            EventKind::Start => self.ev_start,
            EventKind::Pause => self.ev_pause,
            EventKind::Resume => self.ev_resume,
            EventKind::Extend => self.ev_extend,
            EventKind::Withdraw => self.ev_withdraw,
            EventKind::End => self.ev_end,
        }
    }

    pub fn tax(&self, included: bool) -> &'static str {
        if included {
            self.tax_included
        } else {
            self.tax_excluded
        }
    }

    pub fn clock_error(&self, err: &ClockError) -> String {
        match err {
            ClockError::NotStarted => self.err_not_started.into(),
            ClockError::AlreadyRunning => self.err_already_running.into(),
            ClockError::NotRunning => self.err_not_running.into(),
            ClockError::NotPaused => self.err_not_paused.into(),
            ClockError::AlreadyEnded => self.err_already_ended.into(),
            ClockError::NoExtensionLeft { allowed } => {
                fill(self.err_no_extension, &[("n", &allowed.to_string())])
            }
            ClockError::Cancelled => self.err_cancelled.into(),
            ClockError::NoExtensionToWithdraw => self.err_no_withdraw.into(),
            ClockError::ExtensionInUse => self.err_extension_in_use.into(),
        }
    }

    /// A missing requirement, as a sentence.
    pub fn missing(&self, missing: &Missing) -> String {
        match missing {
            Missing::ReferralLetter => self.missing_referral.to_string(),
            Missing::ConsentForm => self.missing_consent.to_string(),
            Missing::RelationshipDocument => self.missing_relationship.to_string(),
            Missing::Declined(reason) => fill(
                self.declined_because,
                &[("reason", self.exclusion(*reason))],
            ),
        }
    }

    pub fn exclusion(&self, reason: Exclusion) -> &'static str {
        let index = Exclusion::ALL
            .iter()
            .position(|r| *r == reason)
            .unwrap_or(0);
        self.exclusions[index]
    }
}

/// Replace `{name}` placeholders in a template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}
