//! The words of the command line (`sonote list`, `export`, `verify`, `purge`, ...), in
//! Japanese and English. The errors it prints from the lower layers are worded in
//! `messages`; clap's own help and usage text stays English.

use crate::config::Lang;

pub struct CliTexts {
    /// `{file}`: a file read and found sound.
    pub check_ok: &'static str,
    /// `{path}` `{lang}`: a report template `sonote check` read, and the language it declares.
    pub report_template: &'static str,
    /// `{text}`.
    pub warning: &'static str,
    /// `{file}`: where to set the letterhead.
    pub sample_letterhead: &'static str,
    /// When no configuration file exists yet.
    pub a_configuration: &'static str,
    pub no_config_dir: &'static str,
    /// `{path}`.
    pub config_exists: &'static str,
    pub wrote_config: &'static str,
    pub no_data_dir: &'static str,
    /// `{path}` `{mode}` `{want}`.
    pub loose: &'static str,
    /// `{n}`: on the home screen.
    pub loose_status: &'static str,
    pub need_terminal: &'static str,
    pub dumb_terminal: &'static str,
    /// `{err}`.
    pub terminal_error: &'static str,
    pub patient_empty: &'static str,
    /// Over `list` on a terminal: the columns, tab-separated.
    pub list_header: &'static str,
    pub some_unreadable: &'static str,
    /// `{id}` `{added}` `{skipped}`.
    pub imported: &'static str,
    pub name_a_session: &'static str,
    /// `{id}` `{n}`.
    pub fhir_unmet: &'static str,
    /// `{id}`.
    pub fhir_ok: &'static str,
    /// `{id}` `{n}`.
    pub fhir_would_not: &'static str,
    /// `{id}` `{n}`.
    pub fhir_not_met: &'static str,
    /// `{id}` `{err}` `{session}`.
    pub export_first: &'static str,
    /// `{id}` `{at}`.
    pub already_sent: &'static str,
    /// `{id}` `{at}`.
    pub sent: &'static str,
    pub docx_terminal: &'static str,
    /// `{err}`.
    pub stdout_error: &'static str,
    pub none_awaits: &'static str,
    /// `{n}`.
    pub n_unreadable: &'static str,
    /// `{n}` `{dir}`.
    pub batch_done: &'static str,
    /// `{n}`, after `batch_done`.
    pub demos_skipped: &'static str,
    /// `{n}`.
    pub batch_failed: &'static str,
    /// `{path}`.
    pub no_such_session: &'static str,
    /// The journals `history` prints, in order.
    pub journal_session: &'static str,
    pub journal_companion: &'static str,
    pub journal_clerk: &'static str,
    /// `{path}`.
    pub no_changes: &'static str,
    pub whole_file: &'static str,
    /// `{value}`.
    pub set_to: &'static str,
    pub removed_value: &'static str,
    /// `{n}` `{text}`.
    pub added_chars: &'static str,
    /// `{n}`.
    pub removed_chars: &'static str,
    /// `{removed}` `{n}` `{text}`.
    pub replaced_chars: &'static str,
    /// `{n}`.
    pub items_added: &'static str,
    /// `{n}`.
    pub items_removed: &'static str,
    /// `{removed}` `{n}`.
    pub items_replaced: &'static str,
    /// `{file}` `{n}`.
    pub verify_ok: &'static str,
    /// `{file}` `{n}` `{pending}`.
    pub verify_pending: &'static str,
    /// `{n}`.
    pub journals_broken: &'static str,
    /// `{path}` `{n}`.
    pub confirmed: &'static str,
    /// `{path}`.
    pub correcting: &'static str,
    /// `{date}`.
    pub nothing_older: &'static str,
    /// `{path}`.
    pub purge_remove: &'static str,
    /// `{path}` `{why}`.
    pub purge_keep: &'static str,
    /// `{err}`.
    pub purge_unreadable: &'static str,
    pub purge_unconfirmed: &'static str,
    /// `{n}`.
    pub purge_ask: &'static str,
    pub nothing_removed: &'static str,
    /// `{id}` `{n}` `{kept}`.
    pub purged: &'static str,
    pub some_not_purged: &'static str,
}

pub static JA: CliTexts = CliTexts {
    check_ok: "{file}: 問題ありません",
    report_template: "{path}（報告書テンプレート、{lang}）",
    warning: "sonote: 注意: {text}",
    sample_letterhead: "レターヘッドが埋め込みの見本（サンプル総合病院）のままです: {file} の [institution] に name と address を設定してください",
    a_configuration: "設定ファイル（sonote init で作れます）",
    no_config_dir: "設定を置くフォルダがありません: HOME を設定するか、--config FILE を使ってください",
    config_exists: "{path} はすでにあります: それを編集するか、sonote init --force で作り直してください",
    wrote_config: "sonote: 設定ファイルを書きました。[institution] の name と address を設定してから sonote check を実行してください",
    no_data_dir: "データフォルダがありません: --data-dir か SONOTE_DATA_DIR を設定してください",
    loose: "sonote: 注意: {path} は他の人も読めます（モード {mode}）。患者のデータは本人だけが読めるようにしてください: chmod {want}",
    loose_status: "データフォルダの {n} 件を他の人も読めます: sonote list で確認し chmod してください",
    need_terminal: "画面を出すには端末が必要です（標準入力と標準出力が端末ではありません）。端末なしではコマンドを使ってください: sonote --help",
    dumb_terminal: "TERM=dumb では sonote の画面を出せません: 画面を出せる端末（xterm、Linux コンソールなど）で実行するか、コマンドを使ってください: sonote --help",
    terminal_error: "端末: {err}",
    patient_empty: "--patient は空にできません",
    list_header: "ID\t日付\t状態\t形式\t患者",
    some_unreadable: "読めないセッションファイルがあります（上を参照）",
    imported: "{id}: 質問を {added} 件追加しました（{skipped} 件はすでにあります）",
    name_a_session: "SESSION を指定するか、--ended --out-dir DIR を使ってください",
    fhir_unmet: "sonote: {id}: FHIR 文書が {n} 件の規則を満たしていません（sonote check {id}）:",
    fhir_ok: "{id}: FHIR 文書は sonote が確かめる規則をすべて満たしています",
    fhir_would_not: "{id}: FHIR 文書は {n} 件の規則を満たさないことになります:",
    fhir_not_met: "{id}: 規則 {n} 件が未充足です",
    export_first: "{id}: {err}。先に出力してください（sonote export {session}）",
    already_sent: "{id}: {at} に送付済みです",
    sent: "{id}: 送付済みにしました（{at}）",
    docx_terminal: "docx ファイルは端末には出せません: --out FILE を指定するか、出力をリダイレクトしてください",
    stdout_error: "標準出力: {err}",
    none_awaits: "出力を待つ終了済みのセッションはありません",
    n_unreadable: "セッションファイル {n} 件を読めませんでした",
    batch_done: "報告書 {n} 件を {dir} に出力しました",
    demos_skipped: "（見本のセッション {n} 件は飛ばしました）",
    batch_failed: "{n} 件のセッションを出力できませんでした（上を参照）",
    no_such_session: "{path}: そのセッションはありません",
    journal_session: "セッション",
    journal_companion: "同行者の記入",
    journal_clerk: "事務の記入",
    no_changes: "{path}: まだ変更の記録はありません",
    whole_file: "（ファイル全体）",
    set_to: "{value} に設定",
    removed_value: "削除",
    added_chars: "+{n} 文字 {text}",
    removed_chars: "-{n} 文字",
    replaced_chars: "{removed} 文字を {n} 文字に置換 {text}",
    items_added: "{n} 件追加",
    items_removed: "{n} 件削除",
    items_replaced: "{removed} 件を {n} 件に置換",
    verify_ok: "{file}: 問題ありません（記録 {n} 件）",
    verify_pending: "{file}: 問題ありません（記録 {n} 件、うち {pending} 件はまだファイルに反映されていません: 次に読むときに反映されます）",
    journals_broken: "ジャーナル {n} 件がファイルと合いません",
    confirmed: "{path}: 確定しました（第{n}版）",
    correcting: "{path}: 訂正を開きました。確定し直すと次の版になります",
    nothing_older: "{date} より前のセッションはありません",
    purge_remove: "  削除 {path}",
    purge_keep: "  残す {path}（{why}）",
    purge_unreadable: "  読めません: {err}",
    purge_unconfirmed: "確認なしでは何も削除しません: 端末で実行するか、--yes を付けてください",
    purge_ask: "これら {n} 件のセッションと、上に挙げたファイルを完全に削除しますか？ [y/N] ",
    nothing_removed: "何も削除しませんでした",
    purged: "{id} を削除しました（ファイル {n} 件、残したもの {kept} 件）",
    some_not_purged: "削除できなかったセッションがあります（上を参照）",
};

pub static EN: CliTexts = CliTexts {
    check_ok: "{file}: ok",
    report_template: "{path} (report template, {lang})",
    warning: "sonote: warning: {text}",
    sample_letterhead: "the letterhead is the embedded sample (サンプル総合病院): set [institution] name and address in {file}",
    a_configuration: "a configuration (`sonote init` writes one)",
    no_config_dir: "no config directory: set HOME, or use --config FILE",
    config_exists: "{path} exists: edit it, or run `sonote init --force` to start again",
    wrote_config: "sonote: wrote the configuration; set [institution] name and address there, then run `sonote check`",
    no_data_dir: "no data directory: set --data-dir or SONOTE_DATA_DIR",
    loose: "sonote: warning: {path} can be read by others (mode {mode}); patient data should be private: chmod {want} it",
    loose_status: "{n} files or folders of the data directory can be read by others: see `sonote list` for which, and chmod them",
    need_terminal: "the screens need a terminal (standard input and output are not one); without one, use the commands: sonote --help",
    dumb_terminal: "TERM=dumb cannot show sonote's screens: run it in a terminal that can (xterm, a Linux console, …), or use the commands: sonote --help",
    terminal_error: "terminal: {err}",
    patient_empty: "--patient must not be empty",
    list_header: "ID\tDATE\tSTATE\tMODE\tPATIENT",
    some_unreadable: "some session files could not be read (see above)",
    imported: "{id}: {added} questions added, {skipped} already there",
    name_a_session: "name a SESSION, or use --ended --out-dir DIR",
    fhir_unmet: "sonote: {id}: the FHIR document does not meet {n} rule(s) (sonote check {id}):",
    fhir_ok: "{id}: the FHIR document meets every rule sonote checks",
    fhir_would_not: "{id}: the FHIR document would not meet {n} rule(s):",
    fhir_not_met: "{id}: {n} rule(s) not met",
    export_first: "{id}: {err}; export it first (sonote export {session})",
    already_sent: "{id}: already marked sent on {at}",
    sent: "{id}: sent {at}",
    docx_terminal: "a docx file is not for the terminal: give --out FILE, or redirect the output",
    stdout_error: "standard output: {err}",
    none_awaits: "no ended session awaits export",
    n_unreadable: "{n} session file(s) could not be read",
    batch_done: "{n} report(s) exported to {dir}",
    demos_skipped: ", {n} demo session(s) skipped",
    batch_failed: "{n} session(s) could not be exported (see above)",
    no_such_session: "{path}: no such session",
    journal_session: "session",
    journal_companion: "companion's part",
    journal_clerk: "clerk's part",
    no_changes: "{path}: no changes journaled yet",
    whole_file: "(the whole file)",
    set_to: "set to {value}",
    removed_value: "removed",
    added_chars: "+{n} characters {text}",
    removed_chars: "-{n} characters",
    replaced_chars: "{removed} characters replaced by {n} {text}",
    items_added: "{n} added",
    items_removed: "{n} removed",
    items_replaced: "{removed} replaced by {n}",
    verify_ok: "{file}: ok, {n} entries",
    verify_pending: "{file}: ok, {n} entries ({pending} not yet in the file: the next read replays them)",
    journals_broken: "{n} journal(s) do not match",
    confirmed: "{path}: confirmed, version {n}",
    correcting: "{path}: open for correction; confirm it again to make the next version",
    nothing_older: "no session from before {date}",
    purge_remove: "  remove {path}",
    purge_keep: "  keep   {path} ({why})",
    purge_unreadable: "  cannot read it: {err}",
    purge_unconfirmed: "not removing anything without confirmation: run on a terminal, or add --yes",
    purge_ask: "Remove these {n} sessions and the files listed for good? [y/N] ",
    nothing_removed: "nothing removed",
    purged: "removed {id} ({n} files; {kept} kept)",
    some_not_purged: "some sessions were not removed (see above)",
};

impl Lang {
    pub fn cli_texts(self) -> &'static CliTexts {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }
}
