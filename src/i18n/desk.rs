//! The words of the clerk's desk, in Japanese and English.

use crate::config::Lang;
use crate::model::desk::{Progress, StateFilter};
use crate::model::payment::PaymentMethod;

pub struct DeskTexts {
    pub title: &'static str,
    pub all_dates: &'static str,
    pub shown: &'static str,
    pub col_date: &'static str,
    pub col_id: &'static str,
    pub col_patient: &'static str,
    pub col_state: &'static str,
    pub col_fee: &'static str,
    pub col_paid: &'static str,
    pub col_report: &'static str,
    pub unpaid: &'static str,
    pub mailed: &'static str,
    /// The report sent, of a confirmed record's version `{n}`.
    pub sent_version: &'static str,
    pub handed: &'static str,
    pub nothing: &'static str,
    pub totals: &'static str,
    pub pay_title: &'static str,
    /// `{amount}`, and `{keys}`: the keys of the ways to pay.
    pub pay_prompt: &'static str,
    pub paid_msg: &'static str,
    pub already_paid: &'static str,
    pub nothing_due: &'static str,
    pub sent_msg: &'static str,
    pub already_sent: &'static str,
    pub not_exported: &'static str,
    pub busy: &'static str,
    /// `{id}` `{path}`.
    pub exported: &'static str,
    pub not_ended: &'static str,
    /// `{amount}`, `{keys}`: paying back what was paid over the fee.
    pub refund_prompt: &'static str,
    /// `{id}` `{amount}` `{method}`.
    pub refunded_msg: &'static str,
    /// The paid column while a balance is left (the totals and `p` give the amount).
    pub balance: &'static str,
    /// The paid column while a refund is owed.
    pub refund: &'static str,
    /// After the totals, when refunds are owed: `{count}` `{amount}`.
    pub refund_totals: &'static str,
    /// `{id}` `{patient}`.
    pub confirm_sent: &'static str,
    /// `{id}` `{patient}`.
    pub confirm_delete: &'static str,
    /// `{id}` `{removed}` (how many files) `{kept}` (how many exports left, changed).
    pub deleted: &'static str,
    pub cannot_delete: &'static str,
    pub cancel_title: &'static str,
    /// `{id}` `{patient}`.
    pub cancel_hint: &'static str,
    pub cancel_reason: &'static str,
    pub cancel_reason_required: &'static str,
    pub cancelled_msg: &'static str,
    pub cannot_cancel: &'static str,
    pub already_cancelled: &'static str,
    /// `{id}` `{path}`.
    pub receipt_written: &'static str,
    /// In the order of `Progress`: cancelled, declined, scheduled, in consultation, ended, exported, sent.
    pub progress: [&'static str; 7],
    /// In the order of `StateFilter::ALL`.
    pub filters: [&'static str; 8],
    /// In the order of `PaymentMethod::ALL`.
    pub methods: [&'static str; 3],
}

pub static JA: DeskTexts = DeskTexts {
    title: "受付・会計",
    all_dates: "全日程",
    shown: "表示",
    col_date: "日付",
    col_id: "ID",
    col_patient: "患者",
    col_state: "状態",
    col_fee: "料金",
    col_paid: "支払",
    col_report: "報告書期限",
    unpaid: "未収",
    mailed: "郵送",
    sent_version: "送付済 第{n}版",
    handed: "手渡",
    nothing: "該当するセッションはありません。",
    totals: "未収 {count}件 {amount}",
    pay_title: "支払方法",
    pay_prompt: "{amount} を受領。 {keys}  (Esc 取消)",
    paid_msg: "{id}: {amount} を{method}で受領しました。",
    already_paid: "{id} は支払済みです。",
    nothing_due: "{id} に未収の料金はありません。",
    sent_msg: "{id}: 報告書を送付済みにしました。",
    already_sent: "{id} の報告書は送付済みです。",
    not_exported: "{id} の報告書はまだ出力されていません。",
    busy: "{id} は別の端末で開かれています。閉じてから操作してください。",
    exported: "{id}: 報告書を出力しました: {path}",
    not_ended: "{id} の相談はまだ終わっていません。報告書は相談の終了後に出力します。",
    refund_prompt: "{amount} を返金。 {keys}  (Esc 取消)",
    refunded_msg: "{id}: {amount} を{method}で返金しました。",
    balance: "残額あり",
    refund: "要返金",
    refund_totals: "返金 {count}件 {amount}",
    confirm_sent: "{id}（{patient}）の報告書を送付済みにしますか？ (y/n)",
    confirm_delete: "{id}（{patient}）を削除しますか？ (y/n)\nセッションのファイルと、sonote が出力して以後変更されていない報告書・領収書を消します。元に戻せません。",
    deleted: "{id} を削除しました（{removed}ファイル）。変更された出力 {kept}件は残しました。",
    cannot_delete: "{id} は相談が始まっているため削除できません。記録として残します。",
    cancel_title: "セッションの中止",
    cancel_hint: "{id}（{patient}）を中止します。セッションは中止として残ります。理由を入力して Enter（Esc 取消）。",
    cancel_reason: "中止の理由",
    cancel_reason_required: "中止の理由を入力してください。",
    cancelled_msg: "{id} を中止にしました。",
    cannot_cancel: "{id} は相談が始まっているため中止できません。",
    already_cancelled: "{id} は中止済みです。",
    receipt_written: "{id}: 領収書を出力しました: {path}",
    progress: [
        "中止",
        "お断り",
        "予約",
        "相談中",
        "終了",
        "報告書出力済",
        "報告書送付済",
    ],
    filters: [
        "すべて",
        "予約",
        "相談中",
        "終了",
        "出力済",
        "送付済",
        "未収",
        "報告書期限",
    ],
    methods: ["現金", "カード", "振込"],
};

pub static EN: DeskTexts = DeskTexts {
    title: "Desk",
    all_dates: "all dates",
    shown: "showing",
    col_date: "Date",
    col_id: "ID",
    col_patient: "Patient",
    col_state: "State",
    col_fee: "Fee",
    col_paid: "Paid",
    col_report: "Report due",
    unpaid: "unpaid",
    mailed: "mail",
    sent_version: "sent, v{n}",
    handed: "hand",
    nothing: "No session matches.",
    totals: "Unpaid: {count}, {amount}",
    pay_title: "Payment",
    pay_prompt: "Received {amount}. {keys}  (Esc cancels)",
    paid_msg: "{id}: {amount} received by {method}.",
    already_paid: "{id} is already paid.",
    nothing_due: "{id} owes nothing.",
    sent_msg: "{id}: report marked sent.",
    already_sent: "{id}: the report was already sent.",
    not_exported: "{id}: the report has not been exported yet.",
    busy: "{id} is open on another terminal; close it there first.",
    exported: "{id}: report exported to {path}",
    not_ended: "{id}: the consultation has not ended; its report is exported once it has.",
    refund_prompt: "Paid back {amount}. {keys}  (Esc cancels)",
    refunded_msg: "{id}: {amount} paid back by {method}.",
    balance: "balance",
    refund: "refund",
    refund_totals: "To refund: {count}, {amount}",
    confirm_sent: "Mark the report of {id} ({patient}) sent? (y/n)",
    confirm_delete: "Delete {id} ({patient})? (y/n)\nIts files go, and the reports and receipts sonote exported that nobody changed since. This cannot be undone.",
    deleted: "{id} deleted ({removed} files); {kept} changed exports left in place.",
    cannot_delete: "{id}: the consultation began, so it is kept as a record and cannot be deleted.",
    cancel_title: "Cancel the session",
    cancel_hint: "{id} ({patient}) is cancelled and kept, marked cancelled. Type the reason and press Enter (Esc: back).",
    cancel_reason: "Reason",
    cancel_reason_required: "Type the reason for cancelling.",
    cancelled_msg: "{id} is cancelled.",
    cannot_cancel: "{id}: the consultation began; it cannot be cancelled.",
    already_cancelled: "{id} is already cancelled.",
    receipt_written: "{id}: receipt written to {path}",
    progress: [
        "cancelled",
        "declined",
        "scheduled",
        "in consultation",
        "ended",
        "report exported",
        "report sent",
    ],
    filters: [
        "all",
        "scheduled",
        "in consultation",
        "ended",
        "exported",
        "sent",
        "unpaid",
        "report due",
    ],
    methods: ["cash", "card", "transfer"],
};

impl Lang {
    pub fn desk_texts(self) -> &'static DeskTexts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}

impl DeskTexts {
    pub fn progress(&self, progress: Progress) -> &'static str {
        self.progress[progress as usize]
    }

    /// The columns the longest state name takes.
    pub fn progress_width(&self) -> u16 {
        let widest = self
            .progress
            .iter()
            .map(|name| unicode_width::UnicodeWidthStr::width(*name))
            .max()
            .unwrap_or(0);
        u16::try_from(widest).unwrap_or(u16::MAX)
    }

    pub fn filter(&self, filter: StateFilter) -> &'static str {
        let index = StateFilter::ALL
            .iter()
            .position(|f| *f == filter)
            .unwrap_or(0);
        self.filters[index]
    }

    pub fn method(&self, method: PaymentMethod) -> &'static str {
        let index = PaymentMethod::ALL
            .iter()
            .position(|m| *m == method)
            .unwrap_or(0);
        self.methods[index]
    }
}
