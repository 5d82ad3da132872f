//! What a heading or an item says: a finding, an action, a category, a
//! status group — from its words, never from its position.
//!
//! Consumes heading and item texts of the matching copy; produces a
//! [`Role`]. The outline then decides, from the roles of a node and of its
//! children, which nodes are the notice's issues, which are their measures
//! and which restate the findings (sub-problems). The word lists are data
//! tables, one row per cue; each is tested with examples.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, StartKind};

use super::classify::OutlineCues;
use crate::record::IssueStatus;

/// What a heading (or an item's first sentence) states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A shortcoming: 落实…责任制不到位, 违反…问题仍有发生.
    Finding,
    /// Anything else under an issue is what was done about it.
    Action,
    /// A status group over the issues below it (已完成整改的问题（7个）):
    /// the status and the byte range of its cue in the heading.
    StatusGroup(IssueStatus, Range<usize>),
}

/// Words that state a shortcoming when they end a clause (…不到位,
/// …有差距, …风险突出): followed by the end, a clause break or a
/// conjunction; before a noun they only qualify it (薄弱学校). One row per
/// cue.
const SHORTCOMINGS: &[&str] = &[
    "不到位",
    "不够",
    "不强",
    "不力",
    "不严",
    "不足",
    "不实",
    "不高",
    "不深",
    "不细",
    "不准",
    "不全",
    "不规范",
    "不健全",
    "不完善",
    "不充分",
    "不及时",
    "不精准",
    "不平衡",
    "不扎实",
    "不彻底",
    "不明显",
    "不落实",
    "不严格",
    "不担当",
    "不作为",
    "乱作为",
    "不如实",
    "有差距",
    "存在差距",
    "差距较大",
    "薄弱",
    "欠缺",
    "缺失",
    "缺位",
    "滞后",
    "仍有发生",
    "时有发生",
    "屡禁不止",
    "较多",
    "突出",
    "偏弱",
    "偏软",
    "弱化",
    "虚化",
    "淡化",
    "边缘化",
    "失之于宽",
    "失之于软",
    "仍然存在",
    "依然存在",
    "流于形式",
    "偏低",
    "偏高",
    "老化",
    "不经常",
    "不多",
    "不一致",
    "不相符",
    "账实不符",
    "不清",
    "不明",
    "不畅",
    "不统一",
    "不合理",
    "未解决",
    "不落地",
    "打折扣",
];

/// Shortcoming words that lead what they qualify (不够有力, 存在薄弱环节,
/// 有待加强): a predicate wherever they stand, but before an object noun.
#[rustfmt::skip]
const LEADING_SHORTCOMINGS: &[&str] = &["不够", "存在", "有待", "还需", "仍需", "缺乏", "欠缺", "不善于"];

/// Words of a violation (违规发放…, 超出批复预算): a finding when no action
/// verb leads the text (查处违规违纪问题 is an action).
#[rustfmt::skip]
const VIOLATIONS: &[&str] = &[
    "违规", "违反", "未按规定", "未按要求", "未严格", "未及时", "未能", "仍未", "超出", "超标准", "擅自",
];

/// What may follow a shortcoming word that ends its clause.
const CLAUSE_ENDS: &[&str] = &[",", "、", ";", "。", ":", " ", "和", "及", "且", "等", "\n"];

/// What may follow a shortcoming word that is an action's object, not a
/// predicate (解决…不到位问题, 针对…薄弱环节).
const OBJECT_NOUNS: &[&str] = &[
    "问题",
    "的问题",
    "等问题",
    "现象",
    "的现象",
    "情况",
    "的情况",
    "短板",
    "弱项",
    "倾向",
    "环节",
    "领域",
    "方面",
];

/// Verbs (and adverbs before them) that lead an action heading: 强化…,
/// 着力解决…, and the [`FIXING_LEADS`]. A heading led by one states a
/// finding only through a shortcoming predicate (落实…责任制不到位).
const ACTION_LEADS: &[&str] = &[
    "强化",
    "加强",
    "推动",
    "推进",
    "完善",
    "建立",
    "健全",
    "开展",
    "落实",
    "规范",
    "严肃",
    "严格",
    "深化",
    "提升",
    "提高",
    "优化",
    "压实",
    "压紧",
    "狠抓",
    "抓实",
    "抓好",
    "聚焦",
    "坚持",
    "着力",
    "持续",
    "切实",
    "扎实",
    "深入",
    "大力",
    "积极",
    "加快",
    "实施",
    "构建",
    "筑牢",
    "夯实",
    "织密",
    "树牢",
    "增强",
    "改进",
    "创新",
    "统筹",
    "用好",
    "发挥",
    "注重",
    "严把",
    "从严",
    "制定",
    "修订",
    "组织",
    "召开",
    "排查",
    "清理",
    "查处",
    "进一步",
    "全力",
    "突出",
    "盘活",
    "建强",
    "配齐",
    "选优",
    "抓牢",
    "守牢",
    "做实",
    "做细",
    "做好",
    "清退",
    "追回",
    "追缴",
    "收缴",
    "督促",
    "指导",
    "约谈",
    "通报",
    "改善",
    "加大",
    "整顿",
    "规范化",
    "完善落实",
];

/// Action verbs whose object is the shortcoming itself (补齐…不足,
/// 解决…不到位问题): a heading they lead is an action, whatever it names.
const FIXING_LEADS: &[&str] = &[
    "补齐",
    "弥补",
    "解决",
    "整治",
    "纠正",
    "破解",
    "扭转",
    "克服",
    "防止",
    "杜绝",
    "避免",
    "整改",
    "消除",
    "堵塞",
    "防范",
    "化解",
    "着力解决",
    "着力整治",
    "切实解决",
    "全面整改",
    "集中整治",
];

/// Whether `text` starts with an action lead (after blanks).
pub fn action_led(text: &str) -> bool {
    starts_with_any(&ACTION_LEAD_SEARCH, text)
}

/// Whether `text` starts with a verb whose object is a shortcoming.
fn fixing_led(text: &str) -> bool {
    starts_with_any(&FIXING_LEAD_SEARCH, text)
}

/// An automaton that finds words of a table at the start of a text only
/// (one anchored search instead of a comparison per word).
fn anchored_search(words: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .start_kind(StartKind::Anchored)
        .build(words)
        .expect("the lead tables build")
}

static ACTION_LEAD_SEARCH: LazyLock<AhoCorasick> =
    LazyLock::new(|| anchored_search(&[ACTION_LEADS, FIXING_LEADS].concat()));
static FIXING_LEAD_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| anchored_search(FIXING_LEADS));

/// Whether `text` (after blanks) starts with a word `search` finds.
fn starts_with_any(search: &AhoCorasick, text: &str) -> bool {
    search.is_match(Input::new(text.trim_start()).anchored(Anchored::Yes))
}

/// Shortcoming words that are also nouns (补齐…不足, 弥补…短板): after a
/// verb that fixes shortcomings they are its object.
const NOUN_LIKE_SHORTCOMINGS: &[&str] = &["不足", "薄弱", "欠缺", "缺失", "缺位", "滞后", "突出", "较多", "存在"];

/// Whether a predicate of `text` is one `wanted` keeps (by its class and
/// word), in one pass over the text.
fn has_predicate(text: &str, wanted: impl Fn(CueClass, &str) -> bool) -> bool {
    predicates(text).any(|(class, cue)| wanted(class, cue))
}

/// A shortcoming (not a violation) word.
fn is_shortcoming(class: CueClass) -> bool {
    matches!(class, CueClass::Leading | CueClass::Final)
}

/// How a shortcoming word stands as a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueClass {
    /// [`LEADING_SHORTCOMINGS`]: anywhere but before an object noun.
    Leading,
    /// [`SHORTCOMINGS`]: ending a clause.
    Final,
    /// [`VIOLATIONS`]: as the leading ones.
    Violation,
}

/// Every cue of the three tables in one automaton, with its class.
static CUE_SEARCH: LazyLock<(AhoCorasick, Vec<(CueClass, &'static str)>)> = LazyLock::new(|| {
    let table: Vec<(CueClass, &'static str)> = LEADING_SHORTCOMINGS
        .iter()
        .map(|&cue| (CueClass::Leading, cue))
        .chain(SHORTCOMINGS.iter().map(|&cue| (CueClass::Final, cue)))
        .chain(VIOLATIONS.iter().map(|&cue| (CueClass::Violation, cue)))
        .collect();
    // A few dozen short literals: the build cannot fail (tested).
    let search = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(table.iter().map(|(_, cue)| cue))
        .expect("the cue tables build");
    (search, table)
});

/// The cues that stand in `text` as predicates, in one pass over it:
/// not at its start (突出重点 is an action), not followed by the noun they
/// would be the object of (…不到位问题), and a [`CueClass::Final`] one only
/// where it ends its clause.
fn predicates(text: &str) -> impl Iterator<Item = (CueClass, &'static str)> + '_ {
    let (search, table) = &*CUE_SEARCH;
    search.find_overlapping_iter(text).filter_map(move |found| {
        let (class, cue) = *table.get(found.pattern().as_usize())?;
        let after = &text[found.end()..];
        let object = OBJECT_NOUNS.iter().any(|noun| after.starts_with(noun));
        let clause_ends = after.is_empty() || CLAUSE_ENDS.iter().any(|end| after.starts_with(end));
        (found.start() > 0 && !object && (class != CueClass::Final || clause_ends)).then_some((class, cue))
    })
}

/// The status a heading groups its issues by, with the cue's byte range,
/// if it is such a heading (已完成整改的问题（7个）).
pub fn status_group(heading: &str, cues: &OutlineCues) -> Option<(IssueStatus, Range<usize>)> {
    // Most headings hold no status cue: one search rules them out.
    if !heading.contains("问题") || !cues.has_group_status(heading) {
        return None;
    }
    cues.group_statuses().iter().find_map(|(cue, status)| {
        let at = heading.find(cue.as_str())?;
        // The cue qualifies the problems: it comes before the word 问题.
        let problems = heading.rfind("问题")?;
        (at < problems).then_some((*status, at..at + cue.len()))
    })
}

/// Whether a heading names a category of findings (一、…方面, 在“…”方面,
/// …方面存在的问题): the issues are under it.
pub fn is_category(heading: &str) -> bool {
    let heading = heading.trim_end_matches([':', ';', ',', ' ']);
    ["方面", "方面存在的问题", "方面的问题", "方面问题", "方面存在问题"]
        .iter()
        .any(|ending| heading.ends_with(ending))
}

/// The role of a heading from its words.
pub fn heading_role(heading: &str, cues: &OutlineCues) -> Role {
    if let Some((status, cue)) = status_group(heading, cues) {
        return Role::StatusGroup(status, cue);
    }
    if reads_as_finding(heading) {
        return Role::Finding;
    }
    Role::Action
}

/// Whether a heading or an item's first sentence states a finding.
///
/// A shortcoming predicate makes it one; after a verb that fixes
/// shortcomings (补齐, 解决 …) only a word that cannot be that verb's object
/// counts (…主动性不强, not 补齐…不足). A heading that ends with 问题 and is
/// led by no action (选人用人工作中的问题) is one too.
pub fn reads_as_finding(text: &str) -> bool {
    if fixing_led(text) {
        // 防范化解…风险主动性不强 states a finding; 补齐…不足 an action.
        return has_predicate(text, |class, cue| {
            is_shortcoming(class) && !NOUN_LIKE_SHORTCOMINGS.contains(&cue)
        });
    }
    let led = action_led(text);
    if has_predicate(text, |class, _| is_shortcoming(class) || !led) {
        return true;
    }
    let text = text.trim_end_matches(['。', ';', ',', ':', ' ']);
    text.ends_with("问题") && !led && !text.contains("整改")
}

/// Whether an item's first sentence states a finding: only a shortcoming
/// that ends a clause counts (an item is a sentence of what was done; 问题
/// and 违规 in it are mostly objects: 追回违规报销费用).
pub fn item_reads_as_finding(sentence: &str) -> bool {
    !fixing_led(sentence) && !action_led(sentence) && has_predicate(sentence, |class, _| class == CueClass::Final)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in outline cues.
    #[allow(non_snake_case)]
    fn CUES() -> &'static OutlineCues {
        &crate::rules::Rules::builtin().outline
    }

    /// Headings and their roles, as notices write them.
    const HEADINGS: &[(&str, bool)] = &[
        ("落实意识形态工作责任制不到位", true),
        ("推进乡村振兴重点任务有差距", true),
        ("高标准农田建设后续管护不到位", true),
        ("违反中央八项规定精神问题仍有发生", true),
        ("基层党组织建设存在薄弱环节", true),
        ("干部队伍结构不够合理,年轻干部储备不足", true),
        ("工程建设领域廉洁风险突出", true),
        ("全面从严治党责任落实不到位", true),
        ("选人用人工作中的问题", true),
        ("服务全市重大战略不够有力", true),
        ("压实产业发展责任", false),
        ("加快补齐设施短板", false),
        ("严肃查处问题", false),
        ("规范资金拨付流程", false),
        ("着力解决服务群众不到位问题", false),
        ("补齐工作短板和不足", false),
        ("突出重点抓整改", false),
        ("强化妇女群众思想政治引领", false),
        ("坚持高位推动,压紧压实整改政治责任", false),
        ("巡视反馈问题整改落实情况", false),
        ("针对薄弱环节建章立制", false),
        ("改善薄弱学校办学条件", false),
        ("干部选拔任用把关不严", true),
        ("形式主义官僚主义问题仍然存在", true),
        ("防范化解行业风险主动性不强", true),
        ("局党组研究部署全面从严治党工作不经常,2023年仅专题研究2次", true),
        ("下属单位违规发放加班补贴,涉及金额21.6万元", true),
        (
            "市四套班子办公用房维修改造项目超出批复预算,未按规定履行调整审批程序",
            true,
        ),
        ("干部队伍年龄结构老化,45岁以下科级干部占比偏低", true),
        ("清退违规发放的津贴补贴", false),
        ("严肃查处违规违纪问题", false),
    ];

    #[test]
    fn findings_and_actions_by_their_words() {
        for &(heading, finding) in HEADINGS {
            assert_eq!(reads_as_finding(heading), finding, "{heading}");
            assert_eq!(heading_role(heading, CUES()) == Role::Finding, finding, "{heading}");
        }
    }

    #[test]
    fn status_groups_name_their_status() {
        let cases = [
            ("已完成整改的问题(7个)", Some((IssueStatus::Completed, "已完成"))),
            (
                "基本完成、持续推进的问题(3个)",
                Some((IssueStatus::InProgress, "基本完成")),
            ),
            ("需要长期坚持的问题", Some((IssueStatus::LongTerm, "长期坚持"))),
            ("正在整改的问题", Some((IssueStatus::InProgress, "正在整改"))),
            ("已完成整改", None),
            ("关于问题已完成", None),
        ];
        for (heading, expected) in cases {
            let found = status_group(heading, CUES()).map(|(status, range)| (status, &heading[range]));
            assert_eq!(found, expected, "{heading}");
        }
    }

    #[test]
    fn leads_are_found_at_the_start_only() {
        assert!(action_led("  加强党员教育管理"));
        assert!(action_led("着力解决服务群众不到位问题"));
        assert!(!action_led("对加强监督不够重视"));
        assert!(fixing_led("补齐工作短板和不足"));
        assert!(!fixing_led("工作短板补齐"));
        assert!(!action_led(""));
    }

    #[test]
    fn categories_end_with_aspect() {
        assert!(is_category("贯彻落实党的路线方针政策和县委决策部署方面"));
        assert!(is_category("在“政治建设”方面"));
        assert!(is_category("政治建设方面存在的问题"));
        assert!(!is_category("推进乡村振兴重点任务有差距"));
    }

    #[test]
    fn items_are_findings_only_by_a_predicate() {
        assert!(item_reads_as_finding("部分党员干部纪律意识不强"));
        assert!(!item_reads_as_finding(
            "制定《行动方案》,推动企业实施数字化改造项目37个"
        ));
        assert!(!item_reads_as_finding("针对监督不到位的问题,建立协作机制"));
        assert!(!item_reads_as_finding("加强债务资金使用监管,督促整改问题19个"));
        assert!(!item_reads_as_finding(
            "对公务用车使用开展专项检查,追回违规报销费用2.6万元"
        ));
    }
}
