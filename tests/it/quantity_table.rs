//! Table-driven tests of quantity extraction through the public pipeline.
//!
//! Each row is one made-up clause in the genre's style and the complete,
//! ordered list of quantities it must yield (an empty list: none at all). The
//! expected values follow the extraction conventions of `corpus/README.md`
//! ("Quantities") and the contract's Quantity object: `text` is the exact
//! original characters, `unit` the canonical Simplified unit, money in 元,
//! percentages as numbers. Every test collects all failing rows and reports
//! them together.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};

use zhenggai::record::Approx::{self, About, Over, Under};
use zhenggai::record::Quantity;
use zhenggai::record::QuantityKind::{self, Area, Count, Duration, Money, Other, People, Percent};

/// One expected quantity: text, value, value_max, unit, approx, kind.
type Expected = (
    &'static str,
    f64,
    Option<f64>,
    &'static str,
    Option<Approx>,
    QuantityKind,
);
/// One phrase and every quantity it holds, in document order.
type Row = (&'static str, &'static [Expected]);
/// One phrase, the text of one of its quantities, and that quantity's label.
type LabelRow = (&'static str, &'static str, Option<&'static str>);

// ---------------------------------------------------------------------------
// Every unit of the unit table, in Simplified script.
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const UNITS_SIMPLIFIED: &[Row] = &[
    // people: 人 人次 名 人份 位
    ("在巡察整改工作中，教育提醒3人。", &[("3人", 3.0, None, "人", None, People)]),
    ("全年培训妇女干部412人次。", &[("412人次", 412.0, None, "人次", None, People)]),
    ("对38名党员干部开展谈心谈话。", &[("38名", 38.0, None, "名", None, People)]),
    ("为辖区适龄女性免费接种HPV疫苗1000人份。", &[("1000人份", 1000.0, None, "人份", None, People)]),
    ("邀请3位法律顾问开展专题辅导。", &[("3位", 3.0, None, "位", None, People)]),
    ("走访服务企业120家次。", &[("120家次", 120.0, None, "家次", None, Count)]),
    ("抽检食品12批次。", &[("12批次", 12.0, None, "批次", None, Count)]),
    ("新建农村公路桥梁3座。", &[("3座", 3.0, None, "座", None, Count)]),
    ("腾退办公用房15间。", &[("15间", 15.0, None, "间", None, Count)]),
    ("收缴违规配发的钥匙8把。", &[("8把", 8.0, None, "把", None, Count)]),
    ("更换老旧路灯120盏。", &[("120盏", 120.0, None, "盏", None, Count)]),
    ("配备灭火器300支。", &[("300支", 300.0, None, "支", None, Count)]),
    ("补齐档案资料46卷。", &[("46卷", 46.0, None, "卷", None, Count)]),
    ("清理取缔非法采砂船2艘。", &[("2艘", 2.0, None, "艘", None, Count)]),
    ("硬化通村道路15.6公里。", &[("15.6公里", 15.6, None, "公里", None, Other)]),
    ("处置建筑垃圾2300吨。", &[("2300吨", 2300.0, None, "吨", None, Other)]),
    // count
    ("建立完善制度8项。", &[("8项", 8.0, None, "项", None, Count)]),
    ("梳理问题清单15个。", &[("15个", 15.0, None, "个", None, Count)]),
    ("制定整改措施46条。", &[("46条", 46.0, None, "条", None, Count)]),
    ("完成个案回访37件。", &[("37件", 37.0, None, "件", None, Count)]),
    ("督促整改相关企业9家。", &[("9家", 9.0, None, "家", None, Count)]),
    ("举办专题宣讲会6场。", &[("6场", 6.0, None, "场", None, Count)]),
    ("开展法治宣传活动32场次。", &[("32场次", 32.0, None, "场次", None, Count)]),
    ("召开党组会议专题研究整改工作7次。", &[("7次", 7.0, None, "次", None, Count)]),
    ("举办青年联谊活动，成功牵手12对。", &[("12对", 12.0, None, "对", None, Count)]),
    ("走访慰问困难家庭86户。", &[("86户", 86.0, None, "户", None, Count)]),
    ("整理归档会议记录38册。", &[("38册", 38.0, None, "册", None, Count)]),
    ("印发立行立改交办函5份。", &[("5份", 5.0, None, "份", None, Count)]),
    ("送法进校园活动覆盖全区中小学56所。", &[("56所", 56.0, None, "所", None, Count)]),
    ("分3批组织基层妇联主席集中培训。", &[("3批", 3.0, None, "批", None, Count)]),
    ("开展3轮专项检查。", &[("3轮", 3.0, None, "轮", None, Count)]),
    ("举办业务培训班4期。", &[("4期", 4.0, None, "期", None, Count)]),
    ("清理违规往来账目23笔。", &[("23笔", 23.0, None, "笔", None, Count)]),
    ("在市级媒体刊发整改工作信息17篇。", &[("17篇", 17.0, None, "篇", None, Count)]),
    ("清退违规办理的加油卡6张。", &[("6张", 6.0, None, "张", None, Count)]),
    ("建立整改工作台账3本。", &[("3本", 3.0, None, "本", None, Count)]),
    ("排查整改安全隐患19处。", &[("19处", 19.0, None, "处", None, Count)]),
    ("将反馈问题归纳为4类。", &[("4类", 4.0, None, "类", None, Count)]),
    ("梳理形成4大类问题。", &[("4大类", 4.0, None, "大类", None, Count)]),
    ("将整改任务细化为6大项。", &[("6大项", 6.0, None, "大项", None, Count)]),
    ("巡察反馈的问题涉及3方面。", &[("3方面", 3.0, None, "方面", None, Count)]),
    ("累计开展督导检查5轮次。", &[("5轮次", 5.0, None, "轮次", None, Count)]),
    ("查处违规违纪问题6起。", &[("6起", 6.0, None, "起", None, Count)]),
    ("盘活闲置资产4宗。", &[("4宗", 4.0, None, "宗", None, Count)]),
    ("开设廉政教育课程3门。", &[("3门", 3.0, None, "门", None, Count)]),
    ("讲授廉政微党课12堂。", &[("12堂", 12.0, None, "堂", None, Count)]),
    ("录制廉洁微课8节。", &[("8节", 8.0, None, "节", None, Count)]),
    ("为基层站所配备执法记录仪20套。", &[("20套", 20.0, None, "套", None, Count)]),
    ("拍摄警示教育片2部。", &[("2部", 2.0, None, "部", None, Count)]),
    ("清退超标配置电脑11台。", &[("11台", 11.0, None, "台", None, Count)]),
    ("处置超标公务用车3辆。", &[("3辆", 3.0, None, "辆", None, Count)]),
    // money: 元 万元 亿元, normalised to 元
    ("清退违规发放补贴12600元。", &[("12600元", 12_600.0, None, "元", None, Money)]),
    ("追缴违规资金7.132万元。", &[("7.132万元", 71_320.0, None, "元", None, Money)]),
    ("投入专项资金1.49亿元。", &[("1.49亿元", 149_000_000.0, None, "元", None, Money)]),
    // percent: % 个百分点
    ("整改完成率达93.7%。", &[("93.7%", 93.7, None, "%", None, Percent)]),
    ("群众满意度同比提高15.4个百分点。", &[("15.4个百分点", 15.4, None, "个百分点", None, Percent)]),
    // duration: 天 日 个月 年 小时 周
    ("开展为期45天的集中整治。", &[("45天", 45.0, None, "天", None, Duration)]),
    ("要求相关单位在45日内完成整改。", &[("45日内", 45.0, None, "日", None, Duration)]),
    ("经过3个月集中整改，问题基本解决。", &[("3个月", 3.0, None, "个月", None, Duration)]),
    ("连续3年开展农村集体“三资”专项整治。", &[("3年", 3.0, None, "年", None, Duration)]),
    ("累计开展业务培训16小时。", &[("16小时", 16.0, None, "小时", None, Duration)]),
    ("用2周时间完成自查自纠。", &[("2周", 2.0, None, "周", None, Duration)]),
    // area: 平方米 亩 公顷
    ("腾退超标办公用房120平方米。", &[("120平方米", 120.0, None, "平方米", None, Area)]),
    ("收回被违规占用的集体土地35亩。", &[("35亩", 35.0, None, "亩", None, Area)]),
    ("完成撂荒耕地复垦2.5公顷。", &[("2.5公顷", 2.5, None, "公顷", None, Area)]),
];

// ---------------------------------------------------------------------------
// The same units in Traditional glyphs (text stays original, unit canonical).
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const UNITS_TRADITIONAL: &[Row] = &[
    ("全年培訓婦女幹部412人次。", &[("412人次", 412.0, None, "人次", None, People)]),
    ("對38名黨員幹部開展談心談話。", &[("38名", 38.0, None, "名", None, People)]),
    ("為轄區適齡女性免費接種HPV疫苗1000人份。", &[("1000人份", 1000.0, None, "人份", None, People)]),
    ("邀請3位法律顧問開展專題輔導。", &[("3位", 3.0, None, "位", None, People)]),
    ("在巡察整改工作中，建立完善制度8項。", &[("8項", 8.0, None, "项", None, Count)]),
    ("梳理問題清單15個。", &[("15個", 15.0, None, "个", None, Count)]),
    ("制定整改措施46條。", &[("46條", 46.0, None, "条", None, Count)]),
    ("完成個案回訪37件。", &[("37件", 37.0, None, "件", None, Count)]),
    ("舉辦專題宣講會6場。", &[("6場", 6.0, None, "场", None, Count)]),
    ("開展法治宣傳活動32場次。", &[("32場次", 32.0, None, "场次", None, Count)]),
    ("召開黨組會議專題研究整改工作7次。", &[("7次", 7.0, None, "次", None, Count)]),
    ("舉辦青年聯誼活動，成功牽手12對。", &[("12對", 12.0, None, "对", None, Count)]),
    ("走訪慰問困難家庭86戶。", &[("86戶", 86.0, None, "户", None, Count)]),
    ("整理歸檔會議記錄38冊。", &[("38冊", 38.0, None, "册", None, Count)]),
    ("印發立行立改交辦函5份。", &[("5份", 5.0, None, "份", None, Count)]),
    ("送法進校園活動覆蓋全區中小學56所。", &[("56所", 56.0, None, "所", None, Count)]),
    ("分3批組織基層婦聯主席集中培訓。", &[("3批", 3.0, None, "批", None, Count)]),
    ("開展3輪專項檢查。", &[("3輪", 3.0, None, "轮", None, Count)]),
    ("舉辦業務培訓班4期。", &[("4期", 4.0, None, "期", None, Count)]),
    ("清理違規往來賬目23筆。", &[("23筆", 23.0, None, "笔", None, Count)]),
    ("在市級媒體刊發整改工作信息17篇。", &[("17篇", 17.0, None, "篇", None, Count)]),
    ("清退違規辦理的加油卡6張。", &[("6張", 6.0, None, "张", None, Count)]),
    ("建立整改工作臺賬3本。", &[("3本", 3.0, None, "本", None, Count)]),
    ("排查整改安全隱患19處。", &[("19處", 19.0, None, "处", None, Count)]),
    ("將反饋問題歸納為4類。", &[("4類", 4.0, None, "类", None, Count)]),
    ("梳理形成4大類問題。", &[("4大類", 4.0, None, "大类", None, Count)]),
    ("將整改任務細化為6大項。", &[("6大項", 6.0, None, "大项", None, Count)]),
    ("累計開展督導檢查5輪次。", &[("5輪次", 5.0, None, "轮次", None, Count)]),
    ("查處違規違紀問題6起。", &[("6起", 6.0, None, "起", None, Count)]),
    ("開設廉政教育課程3門。", &[("3門", 3.0, None, "门", None, Count)]),
    ("錄製廉潔微課8節。", &[("8節", 8.0, None, "节", None, Count)]),
    ("為基層站所配備執法記錄儀20套。", &[("20套", 20.0, None, "套", None, Count)]),
    ("清退超標配置電腦11臺。", &[("11臺", 11.0, None, "台", None, Count)]),
    ("處置超標公務用車3輛。", &[("3輛", 3.0, None, "辆", None, Count)]),
    ("清退違規發放補貼12600元。", &[("12600元", 12_600.0, None, "元", None, Money)]),
    ("追繳違規資金7.132萬元。", &[("7.132萬元", 71_320.0, None, "元", None, Money)]),
    ("投入專項資金1.49億元。", &[("1.49億元", 149_000_000.0, None, "元", None, Money)]),
    ("整改完成率達93.7%。", &[("93.7%", 93.7, None, "%", None, Percent)]),
    ("群眾滿意度同比提高15.4個百分點。", &[("15.4個百分點", 15.4, None, "个百分点", None, Percent)]),
    ("開展為期45天的集中整治。", &[("45天", 45.0, None, "天", None, Duration)]),
    ("經過3個月集中整改，問題基本解決。", &[("3個月", 3.0, None, "个月", None, Duration)]),
    ("累計開展業務培訓16小時。", &[("16小時", 16.0, None, "小时", None, Duration)]),
    ("騰退超標辦公用房120平方米。", &[("120平方米", 120.0, None, "平方米", None, Area)]),
    ("收回被違規佔用的集體土地35畝。", &[("35畝", 35.0, None, "亩", None, Area)]),
    ("完成撂荒耕地復墾2.5公頃。", &[("2.5公頃", 2.5, None, "公顷", None, Area)]),
];

// ---------------------------------------------------------------------------
// Approximation words: over, under, about; and words that only look like them.
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const APPROXIMATIONS: &[Row] = &[
    // over: 余 餘 多 以上 超过 逾
    ("开展各类巾帼志愿服务活动400余场次。", &[("400余场次", 400.0, None, "场次", Some(Over), Count)]),
    ("開展各類巾幗志願服務活動400餘場次。", &[("400餘場次", 400.0, None, "场次", Some(Over), Count)]),
    ("追回违规资金400余万元。", &[("400余万元", 4_000_000.0, None, "元", Some(Over), Money)]),
    ("追回違規資金400餘萬元。", &[("400餘萬元", 4_000_000.0, None, "元", Some(Over), Money)]),
    ("挽回经济损失50万余元。", &[("50万余元", 500_000.0, None, "元", Some(Over), Money)]),
    ("惠及群众3万余人次。", &[("3万余人次", 30_000.0, None, "人次", Some(Over), People)]),
    ("抽调十余人组成整改工作专班。", &[("十余人", 10.0, None, "人", Some(Over), People)]),
    ("培训基层妇联干部200余名。", &[("200余名", 200.0, None, "名", Some(Over), People)]),
    ("收集意见建议40多条。", &[("40多条", 40.0, None, "条", Some(Over), Count)]),
    ("收集意見建議40多條。", &[("40多條", 40.0, None, "条", Some(Over), Count)]),
    ("群众满意度达90%以上。", &[("90%以上", 90.0, None, "%", Some(Over), Percent)]),
    ("服务覆盖村（社区）100个以上。", &[("100个以上", 100.0, None, "个", Some(Over), Count)]),
    ("整改完成率超过95%。", &[("超过95%", 95.0, None, "%", Some(Over), Percent)]),
    ("整改完成率超過95%。", &[("超過95%", 95.0, None, "%", Some(Over), Percent)]),
    ("累计投入帮扶资金超过200万元。", &[("超过200万元", 2_000_000.0, None, "元", Some(Over), Money)]),
    ("线上普法活动惠及群众逾2000人次。", &[("逾2000人次", 2000.0, None, "人次", Some(Over), People)]),
    // under: 近 不到 不足 以下
    ("走访联系企业近20家。", &[("近20家", 20.0, None, "家", Some(Under), Count)]),
    ("走訪聯繫企業近20家。", &[("近20家", 20.0, None, "家", Some(Under), Count)]),
    ("整改周期不到3个月。", &[("不到3个月", 3.0, None, "个月", Some(Under), Duration)]),
    ("剩余未完成问题不足5个。", &[("不足5个", 5.0, None, "个", Some(Under), Count)]),
    ("逾期未办结件占比不足10%。", &[("不足10%", 10.0, None, "%", Some(Under), Percent)]),
    ("将信访件办结时限压缩至7天以下。", &[("7天以下", 7.0, None, "天", Some(Under), Duration)]),
    ("每个督导组人数控制在5人以下。", &[("5人以下", 5.0, None, "人", Some(Under), People)]),
    // about: 约 左右 大约 上下
    ("参训人员约300人次。", &[("约300人次", 300.0, None, "人次", Some(About), People)]),
    ("參訓人員約300人次。", &[("約300人次", 300.0, None, "人次", Some(About), People)]),
    ("涉及违规资金约1.5万元。", &[("约1.5万元", 15_000.0, None, "元", Some(About), Money)]),
    ("每次集中学习参加人员30人左右。", &[("30人左右", 30.0, None, "人", Some(About), People)]),
    ("整改周期为三个月左右。", &[("三个月左右", 3.0, None, "个月", Some(About), Duration)]),
    ("整改周期大约2个月。", &[("大约2个月", 2.0, None, "个月", Some(About), Duration)]),
    ("每期培训规模在50人上下。", &[("50人上下", 50.0, None, "人", Some(About), People)]),
    // words containing 约 余 近 以上 that are not approximations of the number
    ("约谈相关负责人12人次。", &[("12人次", 12.0, None, "人次", None, People)]),
    ("其余3项正按计划推进。", &[("3项", 3.0, None, "项", None, Count)]),
    ("近日，已完成整改9项。", &[("9项", 9.0, None, "项", None, Count)]),
    ("以上3项措施均已落实到位。", &[("3项", 3.0, None, "项", None, Count)]),
    ("多措并举推动整改，累计办结信访件15件。", &[("15件", 15.0, None, "件", None, Count)]),
];

// ---------------------------------------------------------------------------
// Ranges, distributive lists, compound phrases.
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const RANGES_LISTS_COMPOUNDS: &[Row] = &[
    // ranges: 至 - ~ ～, Arabic and Chinese
    ("每个督导组配备3至5人。", &[("3至5人", 3.0, Some(5.0), "人", None, People)]),
    ("每個督導組配備3至5人。", &[("3至5人", 3.0, Some(5.0), "人", None, People)]),
    ("每个整改专班抽调3-5人。", &[("3-5人", 3.0, Some(5.0), "人", None, People)]),
    ("每个专项检查组5~7人。", &[("5~7人", 5.0, Some(7.0), "人", None, People)]),
    ("每个专项检查组5～7人。", &[("5～7人", 5.0, Some(7.0), "人", None, People)]),
    ("每个片区选派三至五人。", &[("三至五人", 3.0, Some(5.0), "人", None, People)]),
    ("每村配备1~2名专职网格员。", &[("1~2名", 1.0, Some(2.0), "名", None, People)]),
    ("每个社区配备2-3名妇联执委。", &[("2-3名", 2.0, Some(3.0), "名", None, People)]),
    ("整改时限一般为1~2个月。", &[("1~2个月", 1.0, Some(2.0), "个月", None, Duration)]),
    ("每期集中培训3至5天。", &[("3至5天", 3.0, Some(5.0), "天", None, Duration)]),
    ("每个项目补助资金2至3万元。", &[("2至3万元", 20_000.0, Some(30_000.0), "元", None, Money)]),
    ("每季度开展廉政谈话2至3次。", &[("2至3次", 2.0, Some(3.0), "次", None, Count)]),
    ("力争完成率提升10-15个百分点。", &[("10-15个百分点", 10.0, Some(15.0), "个百分点", None, Percent)]),
    // distributive lists: one quantity per item
    ("党纪处分、组织处理、诫勉谈话分别为3人、5人和2人。", &[
        ("3人", 3.0, None, "人", None, People),
        ("5人", 5.0, None, "人", None, People),
        ("2人", 2.0, None, "人", None, People)]),
    ("黨紀處分、組織處理、誡勉談話分別為3人、5人和2人。", &[
        ("3人", 3.0, None, "人", None, People),
        ("5人", 5.0, None, "人", None, People),
        ("2人", 2.0, None, "人", None, People)]),
    ("线上线下宣讲分别为12场次、8场次。", &[
        ("12场次", 12.0, None, "场次", None, Count),
        ("8场次", 8.0, None, "场次", None, Count)]),
    ("两个项目分别追回资金3.2万元、1.8万元。", &[
        ("两个", 2.0, None, "个", None, Count),
        ("3.2万元", 32_000.0, None, "元", None, Money),
        ("1.8万元", 18_000.0, None, "元", None, Money)]),
    ("三个片区的整改完成率分别为83.6%、90.4%和95%。", &[
        ("三个", 3.0, None, "个", None, Count),
        ("83.6%", 83.6, None, "%", None, Percent),
        ("90.4%", 90.4, None, "%", None, Percent),
        ("95%", 95.0, None, "%", None, Percent)]),
    // compound phrases: one quantity per number
    ("巡察反馈五方面17项问题。", &[
        ("五方面", 5.0, None, "方面", None, Count),
        ("17项", 17.0, None, "项", None, Count)]),
    ("巡察反饋五方面17項問題。", &[
        ("五方面", 5.0, None, "方面", None, Count),
        ("17項", 17.0, None, "项", None, Count)]),
    ("梳理出3方面6项问题21个具体问题。", &[
        ("3方面", 3.0, None, "方面", None, Count),
        ("6项", 6.0, None, "项", None, Count),
        ("21个", 21.0, None, "个", None, Count)]),
    ("归纳为4大类、13个大项、26个具体问题。", &[
        ("4大类", 4.0, None, "大类", None, Count),
        ("13个", 13.0, None, "个", None, Count),
        ("26个", 26.0, None, "个", None, Count)]),
    ("制定整改措施46条、完善制度12项。", &[
        ("46条", 46.0, None, "条", None, Count),
        ("12项", 12.0, None, "项", None, Count)]),
    ("會議共三項議程。", &[("三項", 3.0, None, "项", None, Count)]),
];

// ---------------------------------------------------------------------------
// Numeral forms inside quantities.
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const NUMERAL_FORMS: &[Row] = &[
    // full-width digits and separators
    ("在巡察整改工作中，教育提醒３人。", &[("３人", 3.0, None, "人", None, People)]),
    ("整改完成率达到９３．７％。", &[("９３．７％", 93.7, None, "%", None, Percent)]),
    ("累计培训党员干部1,280人次。", &[("1,280人次", 1280.0, None, "人次", None, People)]),
    ("累计培训党员干部1，280人次。", &[("1，280人次", 1280.0, None, "人次", None, People)]),
    ("清退违规发放津补贴12,600元。", &[("12,600元", 12_600.0, None, "元", None, Money)]),
    // decimals with 万 and 亿
    ("追缴违规资金66.57万元。", &[("66.57万元", 665_700.0, None, "元", None, Money)]),
    ("落实专项资金1369.5万元。", &[("1369.5万元", 13_695_000.0, None, "元", None, Money)]),
    ("惠及群众1.2万人次。", &[("1.2万人次", 12_000.0, None, "人次", None, People)]),
    ("退还多收取的服务费用3千元。", &[("3千元", 3000.0, None, "元", None, Money)]),
    ("带动基层投入2.3亿元。", &[("2.3亿元", 230_000_000.0, None, "元", None, Money)]),
    // zero
    ("组织处理0人。", &[("0人", 0.0, None, "人", None, People)]),
    // Chinese numerals
    ("共排查出十六个风险点。", &[("十六个", 16.0, None, "个", None, Count)]),
    ("涉及三十一個部門。", &[("三十一個", 31.0, None, "个", None, Count)]),
    ("共發現問題卅七個。", &[("卅七個", 37.0, None, "个", None, Count)]),
    ("抽調廿五人組成工作專班。", &[("廿五人", 25.0, None, "人", None, People)]),
    ("从五个方面细化整改措施。", &[("五个", 5.0, None, "个", None, Count)]),
    ("经过两个月集中整改。", &[("两个月", 2.0, None, "个月", None, Duration)]),
    ("分两批开展集中轮训。", &[("两批", 2.0, None, "批", None, Count)]),
    ("邀请两位专家开展专题辅导。", &[("两位", 2.0, None, "位", None, People)]),
    ("开展为期两周的集中整治。", &[("两周", 2.0, None, "周", None, Duration)]),
    ("修订完善制度四十二项。", &[("四十二项", 42.0, None, "项", None, Count)]),
    ("排查问题十一个。", &[("十一个", 11.0, None, "个", None, Count)]),
    ("培训村社干部一百零五名。", &[("一百零五名", 105.0, None, "名", None, People)]),
    ("走访慰问困难家庭一百零八户。", &[("一百零八户", 108.0, None, "户", None, Count)]),
    ("累计培训一千二百人次。", &[("一千二百人次", 1200.0, None, "人次", None, People)]),
    ("覆盖群众两千余人。", &[("两千余人", 2000.0, None, "人", Some(Over), People)]),
    ("走访企业二十余家。", &[("二十余家", 20.0, None, "家", Some(Over), Count)]),
    ("追回违规资金十二万元。", &[("十二万元", 120_000.0, None, "元", None, Money)]),
    ("挽回经济损失三百余万元。", &[("三百余万元", 3_000_000.0, None, "元", Some(Over), Money)]),
    ("累计投入一亿二千万元。", &[("一亿二千万元", 120_000_000.0, None, "元", None, Money)]),
    // 百分之N
    ("群众满意率达到百分之九十五。", &[("百分之九十五", 95.0, None, "%", None, Percent)]),
    ("问题整改率达到百分之八十以上。", &[("百分之八十以上", 80.0, None, "%", Some(Over), Percent)]),
    // Chinese decimals: the whole part, 点, the fraction, then the multiplier
    ("挽回经济损失三点五万元。", &[("三点五万元", 35_000.0, None, "元", None, Money)]),
    ("带动社会投资二点五亿元。", &[("二点五亿元", 250_000_000.0, None, "元", None, Money)]),
    ("群众满意度达到百分之七十七点八。", &[("百分之七十七点八", 77.8, None, "%", None, Percent)]),
    ("整改完成率为百分之九十五点二。", &[("百分之九十五点二", 95.2, None, "%", None, Percent)]),
    ("节约资金一百二十点五万元。", &[("一百二十点五万元", 1_205_000.0, None, "元", None, Money)]),
    // exact money: decimals with 亿 and 万, one and two places
    ("盘活存量资产286.4亿元。", &[("286.4亿元", 28_640_000_000.0, None, "元", None, Money)]),
    ("完成投资68.4亿元。", &[("68.4亿元", 6_840_000_000.0, None, "元", None, Money)]),
    ("追回资金1.27亿元。", &[("1.27亿元", 127_000_000.0, None, "元", None, Money)]),
    ("清退违规款项3.07万元。", &[("3.07万元", 30_700.0, None, "元", None, Money)]),
    // blanks between the number and its multiplier or unit
    ("追缴资金86.5 万元。", &[("86.5 万元", 865_000.0, None, "元", None, Money)]),
    ("清退资金12 元。", &[("12 元", 12.0, None, "元", None, Money)]),
    // compound units
    ("减少碳排放1.3万吨。", &[("1.3万吨", 13_000.0, None, "吨", None, Other)]),
];

// ---------------------------------------------------------------------------
// Numbers that are not quantities (alone, or next to a real quantity).
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const NOT_QUANTITIES: &[Row] = &[
    // years and dates
    ("2024年以来，持续深化巡察整改。", &[]),
    ("于2024年10月10日反馈巡察意见。", &[]),
    ("2024年5月8日—5月24日，市委第二巡察组对市妇联党组进行了巡察。", &[]),
    ("召开2024年度专题民主生活会。", &[]),
    ("二〇二四年十月，巡察组反馈了意见。", &[]),
    ("2021—2024年度考核结果均已公开。", &[]),
    ("2023-2024年连续开展专项整治。", &[]),
    ("并于9月5日反馈巡察意见。", &[]),
    ("每月8号开展集中学习。", &[]),
    ("2024年1—10月，逐项对账销号。", &[]),
    ("2024年共开展专题培训12期。", &[("12期", 12.0, None, "期", None, Count)]),
    // durations with 内 / 以内: a span of time, never a date (年内)
    ("力争一年内全部完成整改。", &[("一年内", 1.0, None, "年", None, Duration)]),
    ("确保3个月内整改到位。", &[("3个月内", 3.0, None, "个月", None, Duration)]),
    ("在15日以内答复。", &[("15日以内", 15.0, None, "日", None, Duration)]),
    ("于两周之内完成。", &[("两周之内", 2.0, None, "周", None, Duration)]),
    ("一年来持续推进。", &[]),
    // set phrases of the genre are not counts
    ("县四套班子领导分别认领问题。", &[]),
    ("防止整改和业务“两张皮”。", &[]),
    ("问题、措施、责任一一对应。", &[]),
    ("落实“三个一”工作机制。", &[]),
    ("推进“五个一批”工程。", &[]),
    ("空间不足的座谈会室", &[]),
    ("党支部3支部书记", &[]),
    // phone numbers, postcodes, e-mail digits, office hours
    ("联系电话：0578—2091427。", &[]),
    ("联系电话：021-65141539。", &[]),
    ("联系人手机：13905781234。", &[]),
    ("邮政编码：323000。", &[]),
    ("电子邮箱：lsfl2024@163.com。", &[]),
    ("通讯地址：丽水市邮政信箱1008号，邮编323000。", &[]),
    ("受理时间为工作日9:00—17:00。", &[]),
    ("接待时间：8:30-12:00。", &[]),
    // hotlines
    ("群众可拨打12338妇女维权热线反映问题。", &[]),
    ("通过12345政务服务便民热线转办。", &[]),
    ("开通12388纪检监察举报电话。", &[]),
    ("对全区6条12338热线进行梳理。", &[("6条", 6.0, None, "条", None, Count)]),
    ("受理12345热线工单236件。", &[("236件", 236.0, None, "件", None, Count)]),
    // ordinals and 届
    ("市委第二巡察组对市妇联党组进行了巡察。", &[]),
    ("根据五届市委第四轮巡察工作部署。", &[]),
    ("根據五屆市委第四輪巡察工作部署。", &[]),
    ("列入第四批整改销号清单。", &[]),
    ("十四届区委第3轮巡察反馈问题已全部整改。", &[]),
    ("区委常委会第58次会议听取整改进展情况汇报。", &[]),
    ("根据十九届中央第七轮巡视安排。", &[]),
    ("第一时间召开党组会议研究部署。", &[]),
    ("列入第3批整改销号清单。", &[]),
    ("根据二十届中央第三轮巡视安排。", &[]),
    ("市委第二巡察组反馈问题21个。", &[("21个", 21.0, None, "个", None, Count)]),
    // document numbers and index numbers
    ("根据市委巡办〔2024〕15号文件要求。", &[]),
    ("按照宣区巡办[2018]14号通知精神。", &[]),
    ("按照宣區巡辦[2018]14號通知精神。", &[]),
    ("根据宣区巡办[2018]14号文件要求，完成整改9项。", &[("9项", 9.0, None, "项", None, Count)]),
    ("信息索引号：001008003004/2024-00215。", &[]),
    ("索引号：11331100MB1C12345X/2025-03817。", &[]),
    ("按照中纪发20226号文件要求。", &[]),
    // slogans and fixed formulas
    ("严格落实“三重一大”决策制度。", &[]),
    ("认真履行“一岗双责”。", &[]),
    ("牢固树立“四个意识”。", &[]),
    ("坚决做到“两个维护”。", &[]),
    ("制定“1+3”整改方案。", &[]),
    ("加强“三支队伍”建设。", &[]),
    ("深入贯彻中央八项规定精神。", &[]),
    ("对标“十四五”规划目标任务。", &[]),
    ("落实“一案一回访”工作机制。", &[]),
    ("统筹推进“五位一体”总体布局。", &[]),
    ("坚持“三会一课”制度。", &[]),
    ("坚决杜绝“七个有之”问题。", &[]),
    ("做到“六个到位”。", &[]),
    ("深化“千万工程”经验。", &[]),
    ("深刻领悟“两个确立”的决定性意义。", &[]),
    ("协调推进“四个全面”战略布局。", &[]),
    ("落实“三个区分开来”要求。", &[]),
    ("开展“两学一做”学习教育。", &[]),
    ("落实“四必访四必应”工作要求。", &[]),
    ("聚焦“三新”领域加强党建。", &[]),
    ("推动汽车零部件产业链延链补链。", &[]),
    ("把服务送进千家万户。", &[]),
    // numbers inside 《》
    ("制定《加强干部作风建设十条措施》。", &[]),
    ("修订《2024年度巡察整改工作方案》。", &[]),
    ("对照《乡村振兴战略规划（2018—2022年）》查找差距。", &[]),
    ("印发《市妇联关于落实市委第二巡察组反馈意见的整改方案》。", &[]),
    ("在《2024年度工作要点》中明确整改任务23项。", &[("23项", 23.0, None, "项", None, Count)]),
    // list and heading markers
    ("一是压实主体责任。二是健全工作机制。三是强化督查问效。", &[]),
    ("三、下一步工作打算", &[]),
    ("（一）强化政治引领。", &[]),
    ("(1)常规巡察", &[]),
    ("1．关于“党建工作存在短板”问题的整改情况", &[]),
    ("第一，提高政治站位；第二，细化整改措施。", &[]),
    ("①建立问题清单；②建立任务清单。", &[]),
    // a bare 一 plus classifier: the indefinite article
    ("作为一项长期任务抓紧抓实。", &[]),
    ("开展了一次全面排查。", &[]),
    ("组织一轮自查自纠。", &[]),
    ("形成一批制度成果。", &[]),
    ("建立一套长效机制。", &[]),
    ("开展一对一结对帮扶。", &[]),
    // N大X
    ("聚焦三大行业开展专项整治。", &[]),
    ("深入实施五大工程。", &[]),
    ("打好三大攻坚战。", &[]),
    ("开展四大行动。", &[]),
    // vague amounts and ranks
    ("党组多次研究整改工作。", &[]),
    ("大部分问题已经整改到位。", &[]),
    ("中层以上干部全部参加。", &[]),
];

// ---------------------------------------------------------------------------
// Labels: the counted thing, for clear cases only.
// ---------------------------------------------------------------------------

#[rustfmt::skip]
const LABELS: &[LabelRow] = &[
    ("在巡察整改工作中，教育提醒3人，建立完善制度8项。", "3人", Some("教育提醒")),
    ("在巡察整改工作中，教育提醒3人，建立完善制度8项。", "8项", Some("建立完善制度")),
    ("在巡察整改工作中，教育提醒3人，建立完善制度8項。", "8項", Some("建立完善制度")),
    ("通过技能大赛培育巾帼直播能手275人。", "275人", Some("巾帼直播能手")),
    ("通過技能大賽培育巾幗直播能手275人。", "275人", Some("巾幗直播能手")),
    ("帮助农产品进驻7家盒马鲜生门店。", "7家", Some("盒马鲜生门店")),
    ("批评教育2人。", "2人", Some("批评教育")),
    ("对相关责任人提醒谈话5人。", "5人", Some("提醒谈话")),
    ("诫勉谈话1人。", "1人", Some("诫勉谈话")),
    ("组织处理2人。", "2人", Some("组织处理")),
    ("修订完善制度12项。", "12项", Some("修订完善制度")),
    ("制定整改措施46条。", "46条", Some("整改措施")),
    ("梳理问题清单15个。", "15个", Some("问题清单")),
    ("反馈的21个问题已全部完成整改。", "21个", Some("问题")),
    ("对14家单位开展专项检查。", "14家", Some("单位")),
    ("举办专题讲座6场。", "6场", Some("专题讲座")),
    ("移交问题线索3条。", "3条", Some("问题线索")),
    ("开展警示教育12场次。", "12场次", Some("警示教育")),
    ("走访困难家庭86户。", "86户", Some("困难家庭")),
    ("发放宣传资料4860份。", "4860份", Some("宣传资料")),
    ("讲授专题党课5次。", "5次", Some("专题党课")),
    ("对38名党员干部开展谈心谈话。", "38名", Some("党员干部")),
    ("收集意见建议40余条。", "40余条", Some("意见建议")),
    ("整合全区5条12338热线。", "5条", Some("12338热线")),
];

// ---------------------------------------------------------------------------
// Harness.
// ---------------------------------------------------------------------------

/// Parses one phrase through the public pipeline; an error or a panic is a
/// failure message instead.
fn quantities_of(phrase: &str) -> Result<Vec<Quantity>, String> {
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        zhenggai::parse(phrase.as_bytes(), &zhenggai::Options::default())
    }));
    match parsed {
        Ok(Ok(record)) => Ok(record.quantities),
        Ok(Err(error)) => Err(format!("parse error: {error}")),
        Err(_) => Err("parse panicked".to_owned()),
    }
}

/// The exact value equals the expected one as written: 286.4亿元 must be
/// 28640000000, not a float product near it.
fn close(got: zhenggai::record::Decimal, expected: f64) -> bool {
    got.normalize().to_string() == format!("{expected}")
}

fn matches(got: &Quantity, expected: &Expected) -> bool {
    let &(text, value, value_max, unit, approx, kind) = expected;
    let max_ok = match (got.value_max, value_max) {
        (None, None) => true,
        (Some(g), Some(e)) => close(g.0, e),
        _ => false,
    };
    got.text == text
        && close(got.value.0, value)
        && max_ok
        && got.unit == unit
        && got.approx == approx
        && got.kind == kind
}

/// A quantity in the same shape as an expected row.
fn shape(q: &Quantity) -> String {
    format!(
        "({:?}, {}, {:?}, {:?}, {:?}, {:?})",
        q.text,
        q.value.0,
        q.value_max.map(|m| m.0),
        q.unit,
        q.approx,
        q.kind
    )
}

fn shape_expected(e: &Expected) -> String {
    let &(text, value, value_max, unit, approx, kind) = e;
    format!("({text:?}, {value}, {value_max:?}, {unit:?}, {approx:?}, {kind:?})")
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

/// Checks every row of a table; returns one message per failing row.
fn failures_of(rows: &[Row]) -> Vec<String> {
    let mut failures = Vec::new();
    for &(phrase, expected) in rows {
        let expected_text = list(expected.iter().map(shape_expected));
        match quantities_of(phrase) {
            Ok(got) => {
                let ok = got.len() == expected.len() && got.iter().zip(expected).all(|(g, e)| matches(g, e));
                if !ok {
                    failures.push(format!(
                        "{phrase}\n    expected: {expected_text}\n    got:      {}",
                        list(got.iter().map(shape))
                    ));
                }
            }
            Err(message) => failures.push(format!(
                "{phrase}\n    expected: {expected_text}\n    got:      {message}"
            )),
        }
    }
    failures
}

fn assert_table(name: &str, rows: &[Row]) {
    let failures = failures_of(rows);
    let mut message = String::new();
    for failure in &failures {
        let _ = writeln!(message, "  {failure}");
    }
    assert!(
        failures.is_empty(),
        "{name}: {} of {} rows fail:\n{message}",
        failures.len(),
        rows.len()
    );
}

#[test]
fn units_in_simplified_script() {
    assert_table("UNITS_SIMPLIFIED", UNITS_SIMPLIFIED);
}

#[test]
fn units_in_traditional_script() {
    assert_table("UNITS_TRADITIONAL", UNITS_TRADITIONAL);
}

#[test]
fn approximation_words() {
    assert_table("APPROXIMATIONS", APPROXIMATIONS);
}

#[test]
fn ranges_lists_and_compounds() {
    assert_table("RANGES_LISTS_COMPOUNDS", RANGES_LISTS_COMPOUNDS);
}

#[test]
fn numeral_forms() {
    assert_table("NUMERAL_FORMS", NUMERAL_FORMS);
}

#[test]
fn not_quantities() {
    assert_table("NOT_QUANTITIES", NOT_QUANTITIES);
}

#[test]
fn labels_name_the_counted_thing() {
    let mut failures = Vec::new();
    for &(phrase, text, label) in LABELS {
        match quantities_of(phrase) {
            Ok(got) => match got.iter().find(|q| q.text == text) {
                Some(quantity) if quantity.label.as_deref() == label => {}
                Some(quantity) => failures.push(format!(
                    "{phrase} / {text}\n    expected label: {label:?}\n    got label:      {:?}",
                    quantity.label
                )),
                None => failures.push(format!(
                    "{phrase} / {text}\n    expected label: {label:?}\n    got: no quantity {text:?} in {}",
                    list(got.iter().map(shape))
                )),
            },
            Err(message) => failures.push(format!("{phrase} / {text}\n    got: {message}")),
        }
    }
    assert!(
        failures.is_empty(),
        "LABELS: {} of {} rows fail:\n  {}",
        failures.len(),
        LABELS.len(),
        failures.join("\n  ")
    );
}

/// The tables keep their promised size and shape: at least 200 phrases
/// besides the label rows, no phrase twice in one table.
#[test]
fn tables_are_complete() {
    let tables: [&[Row]; 6] = [
        UNITS_SIMPLIFIED,
        UNITS_TRADITIONAL,
        APPROXIMATIONS,
        RANGES_LISTS_COMPOUNDS,
        NUMERAL_FORMS,
        NOT_QUANTITIES,
    ];
    let rows: usize = tables.iter().map(|t| t.len()).sum();
    assert!(rows >= 200, "only {rows} quantity rows");
    for table in tables {
        let mut phrases: Vec<&str> = table.iter().map(|row| row.0).collect();
        phrases.sort_unstable();
        let before = phrases.len();
        phrases.dedup();
        assert_eq!(before, phrases.len(), "a phrase appears twice in one table");
    }
}
