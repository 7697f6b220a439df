//! The one message type: a stable code, the position it refers to, and its
//! texts in the languages the page and the reports speak (简体中文, 繁體中文,
//! English). Errors, notes about the file, rows set aside and findings all
//! carry their words as [`Texts`]; in JSON they are `messageZh`,
//! `messageZhTw` and `messageEn`.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::hant::hant;

/// A message's words: simplified Chinese and English, written by the engine;
/// the Taiwan form is derived from the Chinese (the file's own text inside
/// quotation marks stays as written, see [`crate::hant`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Texts {
    /// Simplified Chinese (zh-CN).
    pub zh: String,
    /// English.
    pub en: String,
}

impl Texts {
    /// The texts of a message.
    ///
    /// # Example
    /// ```
    /// use aidstat::message::Texts;
    /// let t = Texts::new("“金额”列没有注明单位", "column \"金额\" names no unit");
    /// assert_eq!(t.zh_tw(), "「金额」欄沒有註明單位");
    /// assert_eq!(t.get("en"), "column \"金额\" names no unit");
    /// ```
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Texts {
        Texts {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The Chinese in Taiwan form (zh-TW).
    pub fn zh_tw(&self) -> String {
        hant(&self.zh)
    }

    /// The text in a language: `en…` → English, `zh-TW` / `zh-Hant` /
    /// `zh-HK` → Taiwan form, anything else → simplified Chinese.
    pub fn get(&self, lang: &str) -> String {
        let l = lang.to_ascii_lowercase();
        if l.starts_with("en") {
            self.en.clone()
        } else if l == "zh-tw" || l == "zh-hant" || l == "zh-hk" || l.starts_with("zh-hant") {
            self.zh_tw()
        } else {
            self.zh.clone()
        }
    }
}

impl Serialize for Texts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Texts", 3)?;
        m.serialize_field("messageZh", &self.zh)?;
        m.serialize_field("messageZhTw", &self.zh_tw())?;
        m.serialize_field("messageEn", &self.en)?;
        m.end()
    }
}

/// A note about the file, its reading or the analysis.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    /// Stable code.
    pub code: &'static str,
    /// Its words.
    #[serde(flatten)]
    pub text: Texts,
    /// A line it refers to.
    pub line: Option<u64>,
}

impl Message {
    /// A message with no line.
    ///
    /// # Example
    /// ```
    /// let m = aidstat::message::Message::new("no_unit", "没有单位", "no unit").at(Some(3));
    /// let json = serde_json::to_value(&m).unwrap();
    /// assert_eq!(json["messageZhTw"], "沒有單位");
    /// assert_eq!(json["line"], 3);
    /// ```
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            code,
            text: Texts::new(zh, en),
            line: None,
        }
    }

    /// The same message at a line.
    pub fn at(mut self, line: Option<u64>) -> Message {
        self.line = line;
        self
    }
}
