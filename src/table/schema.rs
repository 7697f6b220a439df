//! What a column is: its role, the kind of its measure, where its unit came
//! from. Inferring them is the loading stage's work (`load::infer`).

/// What a column is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Years, quarters or months: the axis of growth.
    Period,
    /// Text to group by (category, donor, recipient, fund source).
    Dimension,
    /// Numbers to aggregate.
    Measure,
    /// Left out.
    Ignore,
}

impl Role {
    /// Name used in the JSON API.
    ///
    /// # Example
    /// ```
    /// use aidstat::table::Role;
    /// assert_eq!(Role::Dimension.as_str(), "dimension");
    /// let t = aidstat::load::load("年度,金额\n2020,1\n".as_bytes(), &Default::default()).unwrap();
    /// assert_eq!(t.columns[0].role.as_str(), "period");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Period => "period",
            Role::Dimension => "dimension",
            Role::Measure => "measure",
            Role::Ignore => "ignore",
        }
    }

    /// Parses an API name.
    pub(crate) fn from_name(s: &str) -> Option<Role> {
        match s {
            "period" => Some(Role::Period),
            "dimension" => Some(Role::Dimension),
            "measure" => Some(Role::Measure),
            "ignore" => Some(Role::Ignore),
            _ => None,
        }
    }
}

/// What a measure counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeasureKind {
    /// Money, converted between 元, 万元, 亿元.
    Money,
    /// People, projects, events: never unit-converted.
    Count,
    /// A number whose unit is unknown.
    Number,
}

impl MeasureKind {
    /// Name used in the JSON API.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            MeasureKind::Money => "money",
            MeasureKind::Count => "count",
            MeasureKind::Number => "number",
        }
    }
}

impl serde::Serialize for MeasureKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a measure's unit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitSource {
    /// The header names it: `金额(万元)`.
    Header,
    /// A `单位：万元` line above the header.
    UnitLine,
    /// The analyst chose it.
    User,
    /// Most cells carry it: `430万元`.
    Cells,
    /// The load option `defaultUnit`.
    Default,
    /// A column of the file that names each row's unit (单位: 万元 / 亿元 / 人).
    Column,
}

impl UnitSource {
    /// Name used in the JSON API.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UnitSource::Header => "header",
            UnitSource::UnitLine => "unit_line",
            UnitSource::User => "user",
            UnitSource::Cells => "cells",
            UnitSource::Default => "default",
            UnitSource::Column => "column",
        }
    }
}
