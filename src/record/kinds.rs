//! The contract's enumerations: each serialises as the lowercase (or
//! snake_case) name the schema lists, and reads back from it.

use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// Worth knowing; the record is as good as the text.
    Info,
    /// A figure or a structure may be wrong; check against the text.
    Warning,
    /// Part of the record could not be built.
    Error,
}

/// What kind of document a text is (`genre.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum GenreKind {
    /// A unit's (or a round's) public notice on rectifying 巡视/巡察 findings.
    RectificationNotice,
    /// A rectification report of another kind: 审计整改, 督察整改, 主题教育整改.
    OtherRectification,
    /// A 巡视/巡察进驻公告: period, contacts, 受理范围; no progress.
    InspectionAnnouncement,
    /// Findings fed back (反馈情况 / 反馈会), no progress yet.
    FeedbackNotice,
    /// Work news about inspections or rectification.
    News,
    /// Rules, speeches, error pages, data files, unrelated text.
    Unknown,
}

impl GenreKind {
    /// How the kind reads in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            GenreKind::RectificationNotice => "a rectification notice",
            GenreKind::OtherRectification => {
                "a rectification report of another kind (audit, environmental inspection …)"
            }
            GenreKind::InspectionAnnouncement => "an inspection announcement",
            GenreKind::FeedbackNotice => "a feedback notice or feedback-meeting news",
            GenreKind::News => "a news item",
            GenreKind::Unknown => "not a rectification notice of any known kind",
        }
    }
}

/// How a printed amount relates to the true one (`quantities[].approx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Approx {
    /// More than the amount (…余, …多, …以上, 超过…).
    Over,
    /// Less than the amount (近…, 不到…, …以下).
    Under,
    /// About the amount (约…, …左右).
    About,
}

/// What a quantity measures (`quantities[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuantityKind {
    /// Things, events, documents (个, 项, 次, 件 …).
    Count,
    /// People (人, 人次, 名).
    People,
    /// Money, in 元.
    Money,
    /// A share (%, 个百分点).
    Percent,
    /// A length of time (天, 个月, 年).
    Duration,
    /// An area (平方米, 亩, 公顷).
    Area,
    /// Any other measure (公里, 吨 …).
    Other,
}

/// The script of a text (`source.script`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Script {
    /// Simplified characters only.
    Simplified,
    /// Traditional characters only.
    Traditional,
    /// Both, in amounts that tell neither apart (a half-converted copy).
    Mixed,
    /// Too few characters that differ between the scripts to tell.
    Unknown,
}

/// What a node of the outline is about (`outline[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NodeKind {
    /// A problem found by the inspection, with what was done about it.
    Issue,
    /// A measure taken against the issue above it.
    Measure,
    /// The next steps (下一步, 下步工作打算).
    NextSteps,
    /// A summary of the work (整改工作总体情况, 成效).
    Summary,
    /// Anything else (preamble, sub-problems, categories, status groups).
    Other,
}

/// The stated status of an issue's rectification (`issues[].status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueStatus {
    /// Rectified (已完成整改, 已整改到位).
    Completed,
    /// Being rectified (正在整改, 持续推进).
    InProgress,
    /// To be rectified over the long term (长期坚持, 持续深化).
    LongTerm,
}

/// How a measure is written (`issues[].measures[].source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MeasureSource {
    /// A child heading of the issue that states an action.
    Heading,
    /// An enumerated item of the issue's text (一是…, 第一…, ①…).
    Item,
}
