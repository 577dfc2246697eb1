//! The pieces the opinion tab is drawn with: items and their heights, the column
//! geometry, styles, and the lines of a field, an option and a rule.

#[allow(unused_imports)]
use super::*;

/// One thing drawn in a column: a section title or a field, with the lines it takes.
pub(super) struct Item {
    pub(super) field: Option<Field>,
    pub(super) section: Section,
    pub(super) lines: Vec<Line<'static>>,
    /// Rows kept for the text area when this field is being edited.
    pub(super) editor_height: Option<u16>,
}

impl Item {
    pub(super) fn height(&self) -> usize {
        match self.editor_height {
            Some(rows) => usize::from(rows),
            None => self.lines.len().max(1),
        }
    }
}

/// When the column has room for it, a blank row between sections makes the cards easier
/// to tell apart; on a small screen every row goes to content instead.
pub(super) fn total_height(items: &[Item]) -> usize {
    items.iter().map(Item::height).sum()
}

pub(super) fn space_out(items: &mut Vec<Item>, view: u16) {
    let total = total_height(items);
    let starts: Vec<usize> = (1..items.len())
        .filter(|&i| items[i].section != items[i - 1].section)
        .collect();
    if total + starts.len() > usize::from(view) {
        return;
    }
    for &at in starts.iter().rev() {
        let section = items[at].section;
        items.insert(
            at,
            Item {
                field: None,
                section,
                lines: vec![Line::raw("")],
                editor_height: None,
            },
        );
    }
}

/// Where labels and values go in a column: a one-column focus marker, the labels, a space,
/// the values, and a free column on the right so text never touches a column's border.
pub(super) struct Geometry {
    pub(super) width: u16,
    pub(super) label_width: u16,
    pub(super) value_x: u16,
    pub(super) value_width: u16,
}

impl Geometry {
    pub(super) fn new(width: u16, widest_label: u16) -> Self {
        // On a cramped column the labels give way to the values.
        let label_width = widest_label.min(width / 3);
        let value_x = 1 + label_width + 1;
        Geometry {
            width,
            label_width,
            value_x,
            value_width: width.saturating_sub(value_x + 1),
        }
    }
}

/// The styles of the tab, derived from the theme (so NO_COLOR is honoured).
pub(super) struct Styles {
    pub(super) color: bool,
    pub(super) title: Style,
    pub(super) label: Style,
    pub(super) focused_label: Style,
    pub(super) marker: Style,
    pub(super) dim: Style,
    pub(super) chosen: Style,
    pub(super) gap_title: Style,
    pub(super) complete: Style,
}

impl Styles {
    pub(super) fn new(theme: &Theme) -> Self {
        Styles {
            color: theme.color,
            title: theme.title(),
            label: theme.dim(),
            focused_label: theme.selected(),
            marker: theme.key(),
            dim: theme.dim(),
            chosen: theme.selected().add_modifier(Modifier::BOLD),
            gap_title: theme.key(),
            complete: theme.info(),
        }
    }

    /// The chosen step of the scale: its colour says at a glance where a card stands.
    pub(super) fn recommendation(&self, value: Recommendation) -> Style {
        if !self.color {
            return self.chosen;
        }
        let color = match value {
            Recommendation::Recommended => Color::Green,
            Recommendation::Consider => Color::Cyan,
            Recommendation::NotRecommended => Color::Red,
            Recommendation::NotDiscussed => return self.chosen,
        };
        Style::new()
            .fg(color)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

/// A title followed by a rule to the edge, like the titled borders of the other tabs.
pub(super) fn rule(title: &str, style: Style, width: u16, styles: &Styles) -> Line<'static> {
    let used = 1 + display_width(title) + 1;
    Line::from(vec![
        Span::raw(" "),
        Span::styled(title.to_string(), style),
        Span::raw(" "),
        Span::styled(
            "─".repeat(usize::from(width).saturating_sub(used)),
            styles.dim,
        ),
    ])
}

/// Cut `text` to at most `width` columns and pad it to exactly that.
pub(super) fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = display_width(&c.to_string());
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(width - used));
    out
}

/// The label in its column beside the first line of `body`; later lines are indented.
pub(super) fn labelled(
    label: &str,
    focused: bool,
    body: Vec<Line<'static>>,
    g: &Geometry,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let mut body = body;
    if body.is_empty() {
        body.push(Line::raw(""));
    }
    let indent = " ".repeat(usize::from(g.value_x));
    body.into_iter()
        .enumerate()
        .map(|(row, line)| {
            let mut spans = if row == 0 {
                let (marker, style) = if focused {
                    (">", styles.focused_label)
                } else {
                    (" ", styles.label)
                };
                vec![
                    Span::styled(marker, styles.marker),
                    Span::styled(fit(label, usize::from(g.label_width)), style),
                    Span::raw(" "),
                ]
            } else {
                vec![Span::raw(indent.clone())]
            };
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// Lay out pieces left to right, starting a new line when the next one does not fit.
pub(super) fn flow(pieces: Vec<Span<'static>>, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let w = display_width(&piece.content);
        let gap = usize::from(!line.is_empty());
        if !line.is_empty() && used + gap + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        } else if gap == 1 {
            line.push(Span::raw(" "));
            used += 1;
        }
        used += w;
        line.push(piece);
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// One option of a choice: bracketed when chosen, so the choice reads without colour.
pub(super) fn option_piece(
    key: impl std::fmt::Display,
    word: &str,
    chosen: Option<Style>,
    dim: Style,
) -> Span<'static> {
    match chosen {
        Some(style) => Span::styled(format!("[{key} {word}]"), style),
        None => Span::styled(format!(" {key} {word} "), dim),
    }
}

/// A field's lines: its label beside its value (a choice, or its text wrapped, taken from
/// `wraps` when the text is as it was).
pub(super) fn field_lines(
    field: Field,
    opinion: &Opinion,
    focused: bool,
    g: &Geometry,
    words: &OpinionTexts,
    styles: &Styles,
    wraps: &mut WrapCache<Field>,
) -> Vec<Line<'static>> {
    let label = field.label(words);
    let body = match field {
        Field::DiagnosisView => {
            let mut pieces: Vec<Span<'static>> = DiagnosisView::ALL
                .iter()
                .enumerate()
                .map(|(i, view)| {
                    let chosen = (opinion.diagnosis_view == Some(*view)).then_some(styles.chosen);
                    option_piece(i + 1, words.diagnosis_view_word(*view), chosen, styles.dim)
                })
                .collect();
            if opinion.diagnosis_view.is_none() {
                pieces.push(Span::styled(words.not_set, styles.dim));
            }
            flow(pieces, g.value_width)
        }
        Field::PlanAgreement => {
            let mut pieces: Vec<Span<'static>> = PlanAgreement::ALL
                .iter()
                .enumerate()
                .map(|(i, agreement)| {
                    let chosen =
                        (opinion.plan_agreement == Some(*agreement)).then_some(styles.chosen);
                    option_piece(
                        i + 1,
                        words.plan_agreement_word(*agreement),
                        chosen,
                        styles.dim,
                    )
                })
                .collect();
            if opinion.plan_agreement.is_none() {
                pieces.push(Span::styled(words.not_set, styles.dim));
            }
            flow(pieces, g.value_width)
        }
        _ => {
            let written = text(opinion, field).unwrap_or("");
            if written.trim().is_empty() {
                if focused {
                    vec![Line::styled(words.enter_to_write, styles.dim)]
                } else {
                    Vec::new()
                }
            } else {
                wraps
                    .get(&field, written, usize::from(g.value_width))
                    .iter()
                    .map(|piece| Line::styled(piece.clone(), Style::new()))
                    .collect()
            }
        }
    };
    labelled(label, focused, body, g, styles)
}

/// The performance status: the chosen grade with its description; with the focus (or room
/// to spare), every grade with its description, so the choice is made knowing what each
/// means.
pub(super) fn ecog_lines(
    chosen: Option<Ecog>,
    all_grades: bool,
    g: &Geometry,
    words: &OpinionTexts,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let hang = 4;
    let width = usize::from(g.value_width).saturating_sub(hang).max(1);
    let grade_lines = |ecog: Ecog, is_chosen: bool| -> Vec<Line<'static>> {
        let (mark, mark_style, text_style) = if is_chosen {
            (format!("[{}]", ecog.grade()), styles.chosen, Style::new())
        } else {
            (format!(" {} ", ecog.grade()), styles.dim, styles.dim)
        };
        wrap(words.ecog_description(ecog), width)
            .into_iter()
            .enumerate()
            .map(|(row, piece)| {
                let lead = if row == 0 {
                    Span::styled(format!("{mark} "), mark_style)
                } else {
                    Span::raw(" ".repeat(hang))
                };
                Line::from(vec![lead, Span::styled(piece, text_style)])
            })
            .collect()
    };
    if all_grades {
        (0..=Ecog::MAX)
            .filter_map(Ecog::new)
            .flat_map(|ecog| grade_lines(ecog, Some(ecog) == chosen))
            .collect()
    } else {
        match chosen {
            Some(ecog) => grade_lines(ecog, true),
            None => vec![Line::styled(words.not_set, styles.dim)],
        }
    }
}

/// A card's heading: the option's name and the scale, and for drug therapy the classes.
pub(super) fn card_lines(
    kind: TreatmentKind,
    opinion: &Opinion,
    focused: bool,
    g: &Geometry,
    words: &OpinionTexts,
    scale: &ScaleWords,
    styles: &Styles,
) -> Vec<Line<'static>> {
    let current = opinion.recommendation(kind);
    let pieces: Vec<Span<'static>> = Recommendation::SCALE
        .iter()
        .map(|&value| {
            let chosen = (value == current).then(|| styles.recommendation(value));
            option_piece(value.digit(), scale.word(value), chosen, styles.dim)
        })
        .collect();
    let scale_width: usize = pieces
        .iter()
        .map(|p| display_width(&p.content))
        .sum::<usize>()
        + pieces.len()
        - 1;
    let name = words.treatment(kind);
    let (marker, name_style) = if focused {
        (">", styles.focused_label)
    } else {
        (" ", styles.title)
    };
    let mut head = vec![
        Span::styled(marker, styles.marker),
        Span::styled(name.to_string(), name_style),
        Span::raw(" "),
    ];
    let used = 1 + display_width(name) + 1;
    let width = usize::from(g.width);
    let mut lines = Vec::new();
    // The scale sits on the heading's rule when it fits there (3 columns of rule at least).
    if used + 3 + 1 + scale_width <= width {
        let rule_width = width - used - 1 - scale_width;
        head.push(Span::styled("─".repeat(rule_width), styles.dim));
        head.push(Span::raw(" "));
        head.extend(flow(pieces, u16::MAX).into_iter().flat_map(|l| l.spans));
        lines.push(Line::from(head));
    } else {
        head.push(Span::styled(
            "─".repeat(width.saturating_sub(used)),
            styles.dim,
        ));
        lines.push(Line::from(head));
        // Under the name, in the value column; or from the left when it fits only there.
        let (indent, room) = if scale_width <= usize::from(g.value_width) {
            (g.value_x, g.value_width)
        } else {
            (2, g.width.saturating_sub(3))
        };
        let indent = " ".repeat(usize::from(indent));
        for line in flow(pieces, room) {
            let mut spans = vec![Span::raw(indent.clone())];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
    }
    if kind == TreatmentKind::DrugTherapy {
        let pieces = DrugClass::ALL
            .iter()
            .map(|&class| {
                let chosen = opinion.has_drug_class(class).then_some(styles.chosen);
                option_piece(
                    drug_class_letter(class),
                    words.drug_class(class),
                    chosen,
                    styles.dim,
                )
            })
            .collect();
        lines.extend(labelled(
            words.drug_classes,
            false,
            flow(pieces, g.value_width),
            g,
            styles,
        ));
    }
    lines
}

/// The gentle check: what is still empty, on at most two lines (three on a tall screen).
pub(super) fn footer_lines(
    opinion: &Opinion,
    kinds: &[TreatmentKind],
    words: &OpinionTexts,
    scale: &ScaleWords,
    styles: &Styles,
    area: Rect,
) -> Vec<Line<'static>> {
    let width = usize::from(area.width).saturating_sub(1).max(1);
    let Some(gap_line) = words.gap_line(&opinion.gaps(kinds), scale) else {
        return vec![Line::styled(format!(" {}", words.no_gaps), styles.complete)];
    };
    let max_lines = if area.height >= 40 { 3 } else { 2 };
    let mut pieces = wrap(&gap_line, width);
    if pieces.len() > max_lines {
        pieces.truncate(max_lines);
        if let Some(last) = pieces.last_mut() {
            let kept = fit(last, width.saturating_sub(3));
            *last = format!("{}...", kept.trim_end());
        }
    }
    let title_width = words.gaps_title.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(row, piece)| {
            if row == 0 && piece.starts_with(words.gaps_title) {
                let (title, rest) = piece.split_at(title_width);
                Line::from(vec![
                    Span::raw(" "),
                    Span::styled(title.to_string(), styles.gap_title),
                    Span::raw(rest.to_string()),
                ])
            } else {
                Line::raw(format!(" {piece}"))
            }
        })
        .collect()
}
