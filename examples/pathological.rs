//! Times the parser on pathological inputs at 250k, 500k and 1M chars: the
//! time should about double when the size doubles (linear), never
//! quadruple. For each case it prints the three times and the 1M/250k
//! ratio: linear is about 4, and the bar is 5.
//!
//! ```text
//! cargo run --release --example pathological             # every case
//! cargo run --release --example pathological -- quantity # cases whose name holds "quantity"
//! cargo run --release --example pathological -- --timeout 30 html
//! ```
//!
//! Each size of each case is parsed in a child process (this example run
//! again with `--one CASE CHARS`), so that a case that hangs (it is stopped
//! after `--timeout` seconds, 120 by default, and its larger sizes are
//! skipped) or aborts does not stop the others. A child parses its input up
//! to ten times (fewer once its runs took two seconds) and reports the
//! fastest: at 250k chars a linear case takes milliseconds, where one
//! hiccup of the host would skew the ratio.

use std::io::Write;
use std::process::{Command, Stdio};

/// The binary's allocator, so that the times are the ones a user gets (the
/// system allocator's growth of a page's large tree skews small sizes).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::{Duration, Instant};

/// How an input is read: as text, or as a saved web page.
#[derive(Clone, Copy, PartialEq)]
enum Read {
    Text,
    Html,
}

/// Each case: a name, how it is read and a generator of an input of about
/// `n` chars.
type Case = (&'static str, Read, fn(usize) -> String);

/// A text of about `n` chars: `unit` repeated.
fn repeated(unit: &str, n: usize) -> String {
    unit.repeat(n / unit.chars().count())
}

const CASES: &[Case] = &[
    ("heading markers", Read::Text, |n| {
        repeated("一、关于“问题”问题的整改情况\n(一)措施。\n1.办法\n", n)
    }),
    ("one line, no punctuation", Read::Text, |n| {
        repeated("巡察整改工作扎实推进取得成效", n)
    }),
    ("one line of counts", Read::Text, |n| {
        repeated("教育提醒3人建立制度8项", n)
    }),
    ("nested brackets", Read::Text, |n| {
        format!("{}整改{}", "(（《“".repeat(n / 8), "”》）)".repeat(n / 8))
    }),
    ("enumerations", Read::Text, |n| {
        format!("一、下一步\n{}", repeated("一是抓整改二是促落实", n))
    }),
    ("dates", Read::Text, |n| repeated("2024年5月8日至24日", n)),
    ("one heading of open cues", Read::Text, |n| {
        format!("一、{}\n", repeated("关于“巩固深化履行整改进展:(此", n))
    }),
    // Runs of numbers that each start a quantity try, with the chars the
    // rule allows before a unit between them (issue 16).
    ("quantity 1.", Read::Text, |n| repeated("1.", n)),
    ("quantity 5~", Read::Text, |n| repeated("5~", n)),
    ("quantity 1，", Read::Text, |n| repeated("1，", n)),
    ("quantity '1 '", Read::Text, |n| repeated("1 ", n)),
    ("quantity 1-", Read::Text, |n| repeated("1-", n)),
    ("quantity 1—", Read::Text, |n| repeated("1—", n)),
    ("quantity 1至", Read::Text, |n| repeated("1至", n)),
    ("quantity 一.", Read::Text, |n| repeated("一.", n)),
    ("quantity 五至", Read::Text, |n| repeated("五至", n)),
    ("quantity 1到", Read::Text, |n| repeated("1到", n)),
    // Found by the sweep of issue 16 (same cause).
    ("quantity 1万", Read::Text, |n| repeated("1万", n)),
    ("quantity 1余", Read::Text, |n| repeated("1余", n)),
    ("quantity 1,000", Read::Text, |n| repeated("1,000", n)),
    ("quantity lines of 1.", Read::Text, |n| {
        repeated(&format!("{}\n", "1.".repeat(5_000)), n)
    }),
    // Page furniture, genres and inspection facts (issue 17): every line a
    // breadcrumb, a label line, a navigation row; one long line of
    // separators; a preamble of groups and a deadline.
    ("furniture breadcrumbs", Read::Text, |n| {
        repeated("当前位置：首页 > 巡视巡察 > 整改公开 > 正文\n", n)
    }),
    ("furniture label lines", Read::Text, |n| {
        repeated(
            "索 引 号：113300/2024-00123 发布日期：2024-09-05\n来源：某局 浏览次数：12\n",
            n,
        )
    }),
    ("furniture navigation rows", Read::Text, |n| {
        repeated("首页 | 政务 | 巡察 |\n", n)
    }),
    ("furniture one line of separators", Read::Text, |n| repeated("首页>", n)),
    ("genre rule openings", Read::Text, |n| repeated("  第一条 第一章\n", n)),
    ("issue with many sub-problems", Read::Text, |n| {
        format!(
            "一、关于“甲”问题\n{}整改情况：一是建立台账。\n",
            repeated("(1)管理不规范\n", n)
        )
    }),
    ("many status groups", Read::Text, |n| {
        repeated("一、已完成整改的问题(2个)\n(一)管理不到位。目前已完成整改。\n", n)
    }),
    ("one list of many parts", Read::Text, |n| {
        format!("共处理{}其中诫勉1人。", repeated("诫勉1人、组织处理2个、", n))
    }),
    ("summed lists, one after another", Read::Text, |n| {
        repeated("清退资金1万元、追回资金2万元;", n)
    }),
    ("in-paragraph Arabic items", Read::Text, |n| {
        format!("一、关于“甲”问题\n措施如下:{}", repeated("1.建立制度。2.完善台账。", n))
    }),
    ("Chinese decimals", Read::Text, |n| repeated("三点五万元二点", n)),
    ("inspection groups", Read::Text, |n| {
        format!(
            "关于巡察整改情况的通报\n{}",
            repeated("各巡察组对3个巡察组为期45天反馈", n)
        )
    }),
    // Saved web pages (the HTML reader's depth and attribute limits).
    ("html nested div", Read::Html, |n| {
        format!("{}整改{}", "<div>".repeat(n / 11), "</div>".repeat(n / 11))
    }),
    ("html nested b i", Read::Html, |n| {
        format!("{}整改", "<b><i>".repeat(n / 6))
    }),
    ("html attributes", Read::Html, |n| {
        let mut page = String::from("<p");
        let mut index = 0;
        while page.len() < n {
            page.push_str(&format!(" a{index}=1"));
            index += 1;
        }
        page.push_str(">整改</p>");
        page
    }),
    ("html unclosed p", Read::Html, |n| repeated("<p>整改", n)),
    ("html unclosed table", Read::Html, |n| {
        format!("{}整改", "<table><tr><td>".repeat(n / 15))
    }),
];

/// The sizes each case is timed at, in chars.
const SIZES: [usize; 3] = [250_000, 500_000, 1_000_000];
/// The 1M/250k ratio a linear case stays under.
const RATIO_BAR: f64 = 5.0;

fn options(read: Read) -> zhenggai::Options {
    zhenggai::Options {
        input: zhenggai::input::InputOptions {
            html: Some(read == Read::Html),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// In the child: parses case `name` at `chars` and prints the fastest time
/// in seconds, the input's chars and the number of items found.
fn run_one(name: &str, chars: usize) {
    let Some(&(_, read, make)) = CASES.iter().find(|(case, _, _)| *case == name) else {
        eprintln!("no case {name}");
        std::process::exit(2);
    };
    let text = make(chars);
    let options = options(read);
    let (mut best, mut total, mut items) = (f64::INFINITY, 0.0, String::new());
    for _ in 0..10 {
        let started = Instant::now();
        let record = zhenggai::parse(text.as_bytes(), &options);
        let elapsed = started.elapsed().as_secs_f64();
        items = match record {
            Ok(r) => format!("{} items", r.quantities.len() + r.dates.len() + r.outline.len()),
            Err(error) => format!("error {}", error.code()),
        };
        best = best.min(elapsed);
        total += elapsed;
        if total > 2.0 {
            break;
        }
    }
    println!("{best} {} {items}", text.chars().count());
}

/// What a child reported for one size.
enum Outcome {
    Seconds(f64, String),
    TimedOut,
    Failed(String),
}

/// Runs case `name` at `chars` in a child process, stopped after `timeout`.
fn time_in_child(name: &str, chars: usize, timeout: Duration) -> Outcome {
    let spawned = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .args(["--one", name, &chars.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    });
    let mut child = match spawned {
        Ok(child) => child,
        Err(error) => return Outcome::Failed(error.to_string()),
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > timeout => {
                // Our own child, by its handle.
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::TimedOut;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(error) => return Outcome::Failed(error.to_string()),
        }
    }
    let output = match child.wait_with_output() {
        Ok(output) => output,
        Err(error) => return Outcome::Failed(error.to_string()),
    };
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or_default();
        return Outcome::Failed(format!("{}: {last}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut fields = stdout.trim().splitn(3, ' ');
    match fields.next().and_then(|seconds| seconds.parse::<f64>().ok()) {
        Some(seconds) => Outcome::Seconds(seconds, fields.nth(1).unwrap_or_default().to_owned()),
        None => Outcome::Failed(format!("unreadable report {stdout:?}")),
    }
}

/// `text` padded with blanks to `width` display columns (CJK chars take two).
fn padded(text: &str, width: usize) -> String {
    let blanks = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text));
    format!("{text}{}", " ".repeat(blanks))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--one") {
        let chars = args.get(2).and_then(|chars| chars.parse().ok()).unwrap_or(SIZES[0]);
        run_one(args.get(1).map_or("", String::as_str), chars);
        return;
    }
    let mut timeout = Duration::from_secs(120);
    if let Some(at) = args.iter().position(|arg| arg == "--timeout") {
        let seconds = args.get(at + 1).and_then(|seconds| seconds.parse().ok()).unwrap_or(120);
        timeout = Duration::from_secs(seconds);
        args.drain(at..(at + 2).min(args.len()));
    }
    let filter = args.first().cloned().unwrap_or_default();
    println!(
        "{} {:>10} {:>10} {:>10} {:>8}  (seconds, fastest of up to 10 parses; linear ratio ≈ 4, bar {RATIO_BAR})",
        padded("case", 26),
        "250k",
        "500k",
        "1M",
        "1M/250k"
    );
    let mut over_bar = Vec::new();
    for &(name, _, _) in CASES.iter().filter(|(name, _, _)| name.contains(&filter)) {
        print!("{}", padded(name, 26));
        let _ = std::io::stdout().flush();
        let mut times = Vec::new();
        let mut note = String::new();
        for chars in SIZES {
            match time_in_child(name, chars, timeout) {
                Outcome::Seconds(seconds, items) => {
                    times.push(seconds);
                    note = items;
                    print!(" {seconds:>10.3}");
                }
                Outcome::TimedOut => {
                    note = format!("over {} s at {chars} chars", timeout.as_secs());
                    break;
                }
                Outcome::Failed(why) => {
                    note = format!("failed at {chars} chars: {why}");
                    break;
                }
            }
            let _ = std::io::stdout().flush();
        }
        for _ in times.len()..SIZES.len() {
            print!(" {:>10}", "-");
        }
        match (times.first(), times.get(2)) {
            (Some(first), Some(last)) => {
                let ratio = last / first;
                let verdict = if ratio <= RATIO_BAR { "ok" } else { "OVER" };
                println!(" {ratio:>8.1}  {verdict} ({note})");
                if ratio > RATIO_BAR {
                    over_bar.push(name);
                }
            }
            _ => {
                println!(" {:>8}  OVER ({note})", "-");
                over_bar.push(name);
            }
        }
    }
    if !over_bar.is_empty() {
        println!("over the bar: {}", over_bar.join(", "));
    }
}
