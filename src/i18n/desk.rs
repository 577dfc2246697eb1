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
    /// In the order of `Progress`: declined, scheduled, in consultation, ended, exported, sent.
    pub progress: [&'static str; 6],
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
    progress: [
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
    progress: [
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
