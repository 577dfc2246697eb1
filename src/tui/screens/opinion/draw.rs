//! Drawing the opinion tab: the frame from the tab's state, nothing written.

#[allow(unused_imports)]
use super::*;

impl OpinionTab {
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, session: &Session, ctx: &DrawContext) {
        let words = self.words();
        let scale = ctx.config.opinion.scale(self.lang);
        let styles = Styles::new(ctx.theme);
        let opinion = &session.opinion;

        let footer = footer_lines(opinion, &self.kinds, words, scale, &styles, area);
        let [body, foot] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(footer.len() as u16)])
                .areas(area);
        frame.render_widget(Paragraph::new(footer), foot);

        self.width = area.width;
        let columns = self.columns(area.width);
        if self.scroll.len() != columns.len() {
            self.scroll = vec![0; columns.len()];
        }
        let rects = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(body);
        let label_width = self.label_width();
        let mut wraps = std::mem::take(&mut self.wraps);
        for (index, (sections, rect)) in columns.iter().zip(rects.iter()).enumerate() {
            let mut rect = *rect;
            if index > 0 {
                let block = Block::new().borders(Borders::LEFT).border_style(styles.dim);
                let inner = block.inner(rect);
                frame.render_widget(block, rect);
                rect = inner;
            }
            let geometry = Geometry::new(rect.width, label_width);
            // Every grade of the performance status is described when there is room, not
            // only while it has the focus.
            let mut items = self.items(
                sections,
                opinion,
                &geometry,
                scale,
                &styles,
                rect.height,
                &mut wraps,
            );
            if total_height(&items) > usize::from(rect.height) {
                self.shorten_performance_status(&mut items, opinion, &geometry, &styles);
            }
            space_out(&mut items, rect.height);
            self.draw_column(frame, rect, index, items, &geometry, ctx.caret);
        }
        wraps.sweep();
        self.wraps = wraps;
    }

    /// Which sections each column shows: one column on a narrow terminal; the overview and
    /// conclusion beside the cards on a wide one, the cards in two columns on a very wide.
    pub(super) fn columns(&self, width: u16) -> Vec<Vec<Section>> {
        let cards: Vec<Section> = self
            .kinds
            .iter()
            .map(|&kind| Section::Treatment(kind))
            .collect();
        let frame = vec![Section::Overview, Section::Conclusion];
        if width >= 180 {
            let half = cards.len().div_ceil(2);
            vec![frame, cards[..half].to_vec(), cards[half..].to_vec()]
        } else if width >= 120 {
            vec![frame, cards]
        } else {
            vec![self.sections()]
        }
    }

    /// One label column for all fields, as wide as the widest label (card names are on
    /// their own rule, so they do not count).
    pub(super) fn label_width(&self) -> u16 {
        let words = self.words();
        let widest = self
            .order()
            .into_iter()
            .filter(|field| !matches!(field, Field::Card(_)))
            .map(|field| display_width(field.label(words)))
            .chain([display_width(words.drug_classes)])
            .max()
            .unwrap_or(0);
        u16::try_from(widest).unwrap_or(u16::MAX)
    }

    /// Short of room, the performance status shows the chosen grade only (all of them with
    /// the focus). Only that item is made again: the others' long texts take time to wrap.
    pub(super) fn shorten_performance_status(
        &self,
        items: &mut [Item],
        opinion: &Opinion,
        g: &Geometry,
        styles: &Styles,
    ) {
        let field = Field::PerformanceStatus;
        let focused = field == self.focus;
        let words = self.words();
        for item in items.iter_mut().filter(|item| item.field == Some(field)) {
            let grades = ecog_lines(opinion.performance_status, focused, g, words, styles);
            item.lines = labelled(field.label(words), focused, grades, g, styles);
        }
    }

    /// What each field of `sections` shows, with every grade of the performance status.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn items(
        &self,
        sections: &[Section],
        opinion: &Opinion,
        g: &Geometry,
        scale: &ScaleWords,
        styles: &Styles,
        view: u16,
        wraps: &mut WrapCache<Field>,
    ) -> Vec<Item> {
        let words = self.words();
        let mut items = Vec::new();
        for &section in sections {
            let title = match section {
                Section::Overview => Some(words.overview),
                Section::Conclusion => Some(words.conclusion),
                Section::Treatment(_) => None,
            };
            if let Some(title) = title {
                items.push(Item {
                    field: None,
                    section,
                    lines: vec![rule(title, styles.title, g.width, styles)],
                    editor_height: None,
                });
            }
            for field in section.fields() {
                let focused = field == self.focus;
                let editing = focused && self.editor.is_some();
                let (lines, editor_height) = if editing {
                    let written = text(opinion, field).unwrap_or("");
                    let needed = if field.is_single_line() {
                        1
                    } else {
                        // Room for the next line to appear without the view jumping.
                        wraps.get(&field, written, usize::from(g.value_width)).len() + 1
                    };
                    let height = needed.clamp(1, usize::from(view.max(1)));
                    let label = labelled(field.label(words), true, Vec::new(), g, styles);
                    (label, Some(height as u16))
                } else {
                    let lines = match field {
                        Field::Card(kind) => {
                            card_lines(kind, opinion, focused, g, words, scale, styles)
                        }
                        Field::PerformanceStatus => labelled(
                            field.label(words),
                            focused,
                            ecog_lines(opinion.performance_status, true, g, words, styles),
                            g,
                            styles,
                        ),
                        _ => field_lines(field, opinion, focused, g, words, styles, wraps),
                    };
                    (lines, None)
                };
                items.push(Item {
                    field: Some(field),
                    section,
                    lines,
                    editor_height,
                });
            }
        }
        items
    }

    pub(super) fn draw_column(
        &mut self,
        frame: &mut Frame,
        rect: Rect,
        column: usize,
        items: Vec<Item>,
        g: &Geometry,
        caret: &CaretSlot,
    ) {
        let view = usize::from(rect.height);
        let mut tops = Vec::with_capacity(items.len());
        let mut total = 0;
        for item in &items {
            tops.push(total);
            total += item.height();
        }
        let mut scroll = self.scroll.get(column).copied().unwrap_or(0);
        if let Some(at) = items.iter().position(|i| i.field == Some(self.focus)) {
            // Landing on the first field of a section shows the section from its title,
            // so a card comes into view whole when it fits.
            let section = items[at].section;
            let first_of_section = section.fields().first() == Some(&self.focus);
            let start = if first_of_section {
                items
                    .iter()
                    .position(|i| i.section == section)
                    .unwrap_or(at)
            } else {
                at
            };
            let end = if first_of_section {
                items
                    .iter()
                    .rposition(|i| i.section == section)
                    .map_or(tops[at] + items[at].height(), |last| {
                        tops[last] + items[last].height()
                    })
            } else {
                tops[at] + items[at].height()
            };
            let top = tops[start];
            let height = (end - top).min(view);
            // The focused item itself must be in view even when its section is not.
            let must_end = (tops[at] + items[at].height()).min(tops[at] + view);
            if top < scroll {
                scroll = top;
            } else if top + height > scroll + view {
                scroll = top + height - view;
            }
            if must_end > scroll + view {
                scroll = must_end - view;
            }
            if tops[at] < scroll {
                scroll = tops[at];
            }
        }
        scroll = scroll.min(total.saturating_sub(view));
        if let Some(slot) = self.scroll.get_mut(column) {
            *slot = scroll;
        }

        for (item, &top) in items.iter().zip(&tops) {
            let height = item.height();
            let bottom = top + height;
            if bottom <= scroll || top >= scroll + view {
                continue;
            }
            let skip = scroll.saturating_sub(top);
            let y = rect.y + (top + skip - scroll) as u16;
            let visible = (height - skip).min(scroll + view - (top + skip));
            let area = Rect::new(rect.x, y, rect.width, visible as u16);
            frame.render_widget(
                Paragraph::new(item.lines.clone()).scroll((skip as u16, 0)),
                area,
            );
            if let (Some(_), Some(editor)) = (item.editor_height, self.editor.as_mut()) {
                // The editor is drawn only when wholly in view, which the scrolling above
                // guarantees for the focused field.
                if skip == 0 && visible == height && g.value_width > 0 {
                    let field = Rect::new(
                        rect.x + g.value_x,
                        y,
                        g.value_width.min(rect.width.saturating_sub(g.value_x)),
                        height as u16,
                    );
                    text_field::draw(frame, field, editor, Block::new(), Some(caret));
                }
            }
        }
    }
}
