//! A small, strict argument reader: `command --name value --flag positional`.

use super::usage_error;
use crate::error::Result;

#[derive(Debug, Default)]
pub struct Args {
    words: Vec<String>,
}

/// Flags that take no value.
const FLAGS: &[&str] = &[
    "--create",
    "--force",
    "--quick",
    "--schedule",
    "--coverage",
    "--resources",
    "--help",
    "--create-unknown",
];

impl Args {
    pub fn parse(argv: Vec<String>) -> Result<Args> {
        let mut words = Vec::new();
        let mut it = argv.into_iter();
        while let Some(w) = it.next() {
            if w == "--lang" {
                it.next();
                continue;
            }
            words.push(w);
        }
        Ok(Args { words })
    }

    /// Takes the first word that is not an option.
    pub fn command(&mut self) -> Option<String> {
        if self.words.first().is_some_and(|w| !w.starts_with("--")) {
            Some(self.words.remove(0))
        } else {
            None
        }
    }

    /// Takes `--name value`.
    pub fn value(&mut self, name: &str) -> Result<Option<String>> {
        let Some(i) = self.words.iter().position(|w| w == name) else {
            return Ok(None);
        };
        if i + 1 >= self.words.len()
            || (self.words[i + 1].starts_with("--") && self.words[i + 1].len() > 2)
        {
            return Err(usage_error(&format!("{name} needs a value")));
        }
        let v = self.words.remove(i + 1);
        self.words.remove(i);
        Ok(Some(v))
    }

    pub fn required(&mut self, name: &str) -> Result<String> {
        self.value(name)?
            .ok_or_else(|| usage_error(&format!("{name} is required")))
    }

    /// Takes `--flag`.
    pub fn flag(&mut self, name: &str) -> bool {
        debug_assert!(FLAGS.contains(&name), "declare {name} in FLAGS");
        match self.words.iter().position(|w| w == name) {
            Some(i) => {
                self.words.remove(i);
                true
            }
            None => false,
        }
    }

    /// Takes the next positional word.
    pub fn positional(&mut self) -> Option<String> {
        let i = self.words.iter().position(|w| !w.starts_with("--"))?;
        Some(self.words.remove(i))
    }

    /// Fails on anything not consumed, so typos never pass silently.
    pub fn finish(&self) -> Result<()> {
        match self.words.first() {
            None => Ok(()),
            Some(w) => Err(usage_error(&format!("unexpected argument '{w}'"))),
        }
    }
}
