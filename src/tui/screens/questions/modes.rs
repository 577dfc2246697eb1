//! The questions tab's keys in each mode: browsing the list, writing an answer, editing
//! a question, adding one, choosing a state, deleting, picking from the prompts, reading
//! a file.

#[allow(unused_imports)]
use super::*;

impl QuestionsTab {
    pub(super) fn browse_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        selected: Option<usize>,
        now: Timestamp,
    ) -> TabOutcome {
        let t = self.texts;
        let Some(command) = lookup(BROWSE, &key) else {
            return TabOutcome::default();
        };
        if self.role == Role::Companion && command.specialist_only() {
            return info(t.specialist_only);
        }
        // Commands that need no question.
        match command {
            Command::Add => {
                self.mode = Mode::Add(Box::new(AddForm {
                    text: text_field::multi_line(""),
                    asker: match self.role {
                        Role::Specialist => Asker::Specialist,
                        Role::Companion => Asker::Companion,
                    },
                    asked_by: text_field::single_line(""),
                    focus: AddField::Text,
                }));
                return TabOutcome::default();
            }
            Command::Prompts => {
                return match prompt_list(self.lang) {
                    Ok(list) => {
                        self.mode = Mode::Prompts(Box::new(PromptBrowser {
                            lang: self.lang,
                            list,
                            topic: 0,
                            selected: 0,
                        }));
                        TabOutcome::default()
                    }
                    Err(err) => error(self.lang.messages().file_error(&err)),
                };
            }
            Command::Import => {
                self.mode = Mode::Import {
                    field: text_field::single_line(""),
                };
                return TabOutcome::default();
            }
            Command::Advance => return self.advance(session, now),
            _ => {}
        }
        let Some(index) = selected else {
            return TabOutcome::default();
        };
        let count = session.questions.len();
        let id = session.questions[index].id.clone();
        let number = index + 1;
        match command {
            Command::Move(step) => self.move_selected(session, &id, step == Step::Previous),
            Command::Select(Step::Previous) => {
                self.select(session, index.saturating_sub(1));
                TabOutcome::default()
            }
            Command::Select(Step::Next) => {
                self.select(session, (index + 1).min(count - 1));
                TabOutcome::default()
            }
            Command::Edge(Edge::First) => {
                self.select(session, 0);
                TabOutcome::default()
            }
            Command::Edge(Edge::Last) => {
                self.select(session, count - 1);
                TabOutcome::default()
            }
            Command::Answer => {
                let text = session.questions[index].answer_of(self.role);
                self.mode = Mode::Answer {
                    id,
                    field: text_field::multi_line(text),
                };
                TabOutcome::default()
            }
            Command::Reword => {
                let question = &session.questions[index];
                if question.owner != self.role {
                    return info(t.wording_elsewhere);
                }
                self.mode = Mode::EditText {
                    id,
                    field: text_field::multi_line(&one_line(&question.text)),
                };
                TabOutcome::default()
            }
            Command::IncludeFamilyNotes | Command::CopyFamilyNotes => {
                let q = number.to_string();
                let question = &mut session.questions[index];
                if question.companion_answer.trim().is_empty() {
                    return info(fill(t.no_family_notes, &[("q", &q)]));
                }
                if command == Command::CopyFamilyNotes {
                    if !question.copy_companion_answer() {
                        return TabOutcome::default();
                    }
                    return changed_with(fill(t.family_copied, &[("q", &q)]));
                }
                question.companion_in_letter = !question.companion_in_letter;
                let words = if question.companion_in_letter {
                    t.family_in
                } else {
                    t.family_out
                };
                changed_with(fill(words, &[("q", &q)]))
            }
            Command::ChangeAsker => {
                let role = self.role;
                let question = &mut session.questions[index];
                if question.owner != role {
                    return info(t.asker_elsewhere);
                }
                question.asker = question.asker.cycle_for(role, true);
                let what = t.asker(question.asker);
                changed_with(fill(
                    t.set_to,
                    &[("q", &number.to_string()), ("what", what)],
                ))
            }
            Command::Delete => {
                self.mode = Mode::ConfirmDelete { id };
                TabOutcome::default()
            }
            Command::ChooseState => {
                self.mode = Mode::ChooseState { id };
                TabOutcome::default()
            }
            Command::MakeCurrent => {
                let q = number.to_string();
                if session.current_question() == Some(id.as_str()) {
                    session.set_current(None, now);
                    changed_with(t.current_cleared)
                } else {
                    session.set_current(Some(&id), now);
                    changed_with(fill(t.made_current, &[("q", &q)]))
                }
            }
            Command::Priority => {
                let question = &mut session.questions[index];
                question.priority = question.priority.next();
                let what = t.priority(question.priority);
                changed_with(fill(
                    t.set_to,
                    &[("q", &number.to_string()), ("what", what)],
                ))
            }
            _ => TabOutcome::default(),
        }
    }

    pub(super) fn move_selected(
        &mut self,
        session: &mut Session,
        id: &str,
        up: bool,
    ) -> TabOutcome {
        if session.move_question(id, up) {
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        }
    }

    pub(super) fn advance(&mut self, session: &mut Session, now: Timestamp) -> TabOutcome {
        let t = self.texts;
        let number = |session: &Session, id: &str| {
            session
                .question_position(id)
                .map_or(String::new(), |i| (i + 1).to_string())
        };
        let message = match session.answer_current_and_advance(now) {
            Advance::NothingOpen => return info(t.nothing_open),
            Advance::Started(id) => {
                self.select_id(session, &id);
                fill(t.started_with, &[("q", &number(session, &id))])
            }
            Advance::Next { answered, next } => {
                self.select_id(session, &next);
                let a = number(session, &answered);
                fill(
                    t.answered_next,
                    &[("a", &a), ("q", &number(session, &next))],
                )
            }
            Advance::Finished { answered } => {
                fill(t.answered_last, &[("a", &number(session, &answered))])
            }
        };
        changed_with(message)
    }

    pub(super) fn answer_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        mut field: TextArea<'static>,
    ) -> (Mode, TabOutcome) {
        if lookup(ANSWER, &key) == Some(Command::StopAnswering) {
            return (Mode::Browse, TabOutcome::default());
        }
        let Some(question) = question_near(session, &id, self.selected_index) else {
            return (Mode::Browse, info(self.texts.question_gone));
        };
        let outcome = if text_field::input(&mut field, key) {
            question.set_answer_of(self.role, text_field::text_of(&field));
            TabOutcome::changed()
        } else {
            TabOutcome::default()
        };
        (Mode::Answer { id, field }, outcome)
    }

    pub(super) fn edit_text_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        mut field: TextArea<'static>,
    ) -> (Mode, TabOutcome) {
        match lookup(FORM, &key) {
            Some(Command::Cancel) => (Mode::Browse, TabOutcome::default()),
            Some(Command::Save) => {
                let text = one_line(&text_field::text_of(&field)).trim().to_string();
                if text.is_empty() {
                    return (
                        Mode::EditText { id, field },
                        error(self.texts.text_required),
                    );
                }
                match session.question_mut(&id) {
                    Some(question) if question.text != text => {
                        question.text = text;
                        (Mode::Browse, TabOutcome::changed())
                    }
                    Some(_) => (Mode::Browse, TabOutcome::default()),
                    None => (Mode::Browse, info(self.texts.question_gone)),
                }
            }
            _ => {
                text_field::input(&mut field, key);
                (Mode::EditText { id, field }, TabOutcome::default())
            }
        }
    }

    pub(super) fn add_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        mut form: Box<AddForm>,
    ) -> (Mode, TabOutcome) {
        let next = |focus: AddField, forward: bool| {
            let order = [AddField::Text, AddField::Asker, AddField::AskedBy];
            let index = order.iter().position(|f| *f == focus).unwrap_or(0);
            order[(index + if forward { 1 } else { 2 }) % 3]
        };
        match lookup(ADD, &key) {
            Some(Command::Cancel) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::AddField(step)) => form.focus = next(form.focus, step == Step::Next),
            Some(Command::AddQuestion) => {
                let text = one_line(&text_field::text_of(&form.text))
                    .trim()
                    .to_string();
                if text.is_empty() {
                    form.focus = AddField::Text;
                    return (Mode::Add(form), error(self.texts.text_required));
                }
                let asked_by = text_field::text_of(&form.asked_by).trim().to_string();
                let question = Question {
                    owner: self.role,
                    ..Question::new(text, form.asker, asked_by)
                };
                let id = session.add_question(question, self.role.id_prefix());
                self.select_id(session, &id);
                let number = session.questions.len().to_string();
                return (
                    Mode::Browse,
                    changed_with(fill(self.texts.added, &[("q", &number)])),
                );
            }
            _ => match form.focus {
                AddField::Text => {
                    text_field::input(&mut form.text, key);
                }
                AddField::AskedBy => {
                    text_field::input(&mut form.asked_by, key);
                }
                AddField::Asker => {
                    if let Some(Command::Asker(step)) = lookup(ASKER, &key) {
                        form.asker = form.asker.cycle_for(self.role, step == Step::Next);
                    }
                }
            },
        }
        (Mode::Add(form), TabOutcome::default())
    }

    pub(super) fn state_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        now: Timestamp,
    ) -> (Mode, TabOutcome) {
        let chosen = match lookup(STATE, &key) {
            Some(Command::Cancel) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::SetState(state)) => state,
            _ => return (Mode::ChooseState { id }, TabOutcome::default()),
        };
        if !session.set_question_state(&id, chosen, now) {
            return (Mode::Browse, TabOutcome::default());
        }
        let number = session
            .question_position(&id)
            .map_or(String::new(), |i| (i + 1).to_string());
        let what = self.texts.state(chosen);
        let message = fill(self.texts.set_to, &[("q", &number), ("what", what)]);
        (Mode::Browse, changed_with(message))
    }

    pub(super) fn delete_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        id: String,
        now: Timestamp,
    ) -> (Mode, TabOutcome) {
        match lookup(DELETE, &key) {
            Some(Command::DeleteYes) => {
                if session.delete_question(&id, now) {
                    (Mode::Browse, changed_with(self.texts.deleted))
                } else {
                    (Mode::Browse, TabOutcome::default())
                }
            }
            Some(Command::DeleteNo) => (Mode::Browse, TabOutcome::default()),
            _ => (Mode::ConfirmDelete { id }, TabOutcome::default()),
        }
    }

    pub(super) fn prompts_key(
        &mut self,
        session: &mut Session,
        key: KeyEvent,
        mut browser: Box<PromptBrowser>,
    ) -> (Mode, TabOutcome) {
        let topics = browser.list.topics.len();
        let in_topic = browser
            .list
            .topics
            .get(browser.topic)
            .map_or(0, |t| t.questions.len());
        match lookup(PROMPTS, &key) {
            Some(Command::ClosePrompts) => return (Mode::Browse, TabOutcome::default()),
            Some(Command::Topic(Step::Previous)) if topics > 0 => {
                browser.topic = (browser.topic + topics - 1) % topics;
                browser.selected = 0;
            }
            Some(Command::Topic(Step::Next)) if topics > 0 => {
                browser.topic = (browser.topic + 1) % topics;
                browser.selected = 0;
            }
            Some(Command::PromptSelect(Step::Previous)) => {
                browser.selected = browser.selected.saturating_sub(1)
            }
            Some(Command::PromptSelect(Step::Next)) => {
                browser.selected = (browser.selected + 1).min(in_topic.saturating_sub(1));
            }
            Some(Command::PromptLanguage) => {
                let other = match browser.lang {
                    Lang::Ja => Lang::En,
                    Lang::En => Lang::Ja,
                };
                if let Ok(list) = prompt_list(other) {
                    browser.lang = other;
                    browser.list = list;
                    browser.topic = browser
                        .topic
                        .min(browser.list.topics.len().saturating_sub(1));
                    browser.selected = 0;
                }
            }
            Some(Command::TakePrompt) => {
                let Some(text) = browser
                    .list
                    .topics
                    .get(browser.topic)
                    .and_then(|t| t.questions.get(browser.selected))
                else {
                    return (Mode::Prompts(browser), TabOutcome::default());
                };
                if session
                    .questions
                    .iter()
                    .any(|q| q.text.trim() == text.trim())
                {
                    return (Mode::Prompts(browser), info(self.texts.already_there));
                }
                let question = Question {
                    owner: self.role,
                    ..Question::new(text.trim(), self.default_asker(), "")
                };
                let id = session.add_question(question, self.role.id_prefix());
                self.select_id(session, &id);
                let number = session.questions.len().to_string();
                let message = fill(self.texts.added, &[("q", &number)]);
                return (Mode::Prompts(browser), changed_with(message));
            }
            _ => {}
        }
        (Mode::Prompts(browser), TabOutcome::default())
    }

    pub(super) fn import_key(
        &mut self,
        key: KeyEvent,
        mut field: TextArea<'static>,
    ) -> (Mode, TabOutcome) {
        match lookup(FORM, &key) {
            Some(Command::Cancel) => (Mode::Browse, TabOutcome::default()),
            Some(Command::Save) => {
                let typed = text_field::text_of(&field);
                if typed.trim().is_empty() {
                    return (Mode::Import { field }, TabOutcome::default());
                }
                // The app reads the file and hands the questions to `imported`; the field
                // stays open until then, so a wrong path can be corrected.
                let path = import::expand_home(&typed);
                (
                    Mode::Import { field },
                    TabOutcome::effect(Effect::ImportQuestions(path)),
                )
            }
            _ => {
                text_field::input(&mut field, key);
                (Mode::Import { field }, TabOutcome::default())
            }
        }
    }
}
