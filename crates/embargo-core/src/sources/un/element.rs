//! The element tree of one UN record: each `INDIVIDUAL` or `ENTITY` is
//! gathered into an [`Element`] (name, text with whitespace collapsed,
//! children) before it is mapped to an entity.

/// One element of a record: its name, its text (whitespace collapsed) and
/// its children.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) text: String,
    pub(super) children: Vec<Element>,
}

impl Element {
    pub(super) fn new(name: String) -> Element {
        Element {
            name,
            ..Element::default()
        }
    }

    /// Collapses runs of whitespace (the list hard-wraps long texts).
    pub(super) fn finish_text(&mut self) {
        if !self.text.is_empty() {
            self.text = collapse_whitespace(&self.text);
        }
    }

    /// The first child called `name`.
    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name)
    }

    /// Every child called `name`.
    pub(super) fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |child| child.name == name)
    }

    /// The text of the first child called `name`, when not empty.
    pub(super) fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|child| child.text.as_str())
            .filter(|text| !text.is_empty())
    }
}

/// Collapses every run of whitespace into one space and trims the ends.
pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
