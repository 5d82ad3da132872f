#!/usr/bin/env python3
"""Makes the corpus variants of issue 6 from clean corpus notices.

Each variant is the same notice read differently -- another encoding, a
saved web page with realistic chrome, a copy with leaked conversions -- and
gets a copy of the clean notice's facts (only `notice`, `encoding` and
`checked` change): the parser must find the same facts in every form.
Run from the repository root: python3 scripts/make_corpus_variants.py
"""
import html
import json
import re
from pathlib import Path

CORPUS = Path("corpus")
FACTS = CORPUS / "facts"


def write_facts(clean: str, variant_file: str, encoding: str, how: str) -> None:
    facts = json.loads((FACTS / f"{clean}.json").read_text("utf-8"))
    facts["notice"] = variant_file
    facts["encoding"] = encoding
    facts["checked"] = (
        f"Variant of {clean}.txt ({how}), made by scripts/make_corpus_variants.py. "
        f"Its facts are the clean notice's facts, which were checked by hand; only the encoding differs. "
        f"Clean notice's note: " + facts["checked"]
    )
    stem = variant_file.rsplit(".", 1)[0]
    (FACTS / f"{stem}.json").write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", "utf-8")


def encoded(clean: str, codec: str, encoding: str, bom: bytes = b"") -> None:
    text = (CORPUS / f"{clean}.txt").read_text("utf-8")
    name = f"{clean}.{encoding}.txt"
    (CORPUS / name).write_bytes(bom + text.encode(codec))
    write_facts(clean, name, encoding, f"the same text encoded as {encoding}")


def paragraphs(clean: str):
    lines = (CORPUS / f"{clean}.txt").read_text("utf-8").splitlines()
    # Title lines: up to the one ending in 通报.
    end = next(i for i, line in enumerate(lines) if line.endswith("通报")) + 1
    return lines[:end], lines[end:-2], lines[-2], lines[-1]


SHANGHAI_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title_plain}_巡视整改_新禾纪检监察网</title>
<link rel="stylesheet" href="/css/main.css">
<script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="新禾纪检监察网"></div>
<div class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/gzdt/">工作动态</a></li><li><a href="/xsxc/">巡视巡察</a></li><li><a href="/djfg/">党纪法规</a></li></ul></div>
<div class="main">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xsxc/">巡视巡察</a> &gt; <a href="/xsxc/xszg/">巡视整改</a></div>
<div class="article">
<h1 class="article-title">{title_html}</h1>
<div class="article-info">发布时间：2024-09-02 09:30:00&nbsp;&nbsp;&nbsp;来源：中共上海市新禾区委员会&nbsp;&nbsp;&nbsp;浏览量：<span id="views">2316</span></div>
<div class="article-font">字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="article-content TRS_Editor">
{body}
<p style="text-align: right;">{signer}</p>
<p style="text-align: right;">{date}</p>
</div>
<div class="article-share bdshare">分享到：<a class="bds_weixin">微信</a><a class="bds_tsina">微博</a></div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
</div>
<div class="footer"><p>版权所有：中共上海市新禾区纪律检查委员会 上海市新禾区监察委员会</p>
<p>地址：上海市新禾区漕溪北路88号 邮编：200233</p><p>沪ICP备12345678号-1 沪公网安备31010402001234号</p></div>
</body>
</html>
"""

LEGACY_PAGE = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title_plain}</title>
<style type="text/css">.font14 {{ font-size: 14px; line-height: 28px; }}</style>
</head>
<body topmargin="0" leftmargin="0">
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td class="daohang">&nbsp;您现在的位置：<a href="index.asp">首页</a> &gt;&gt; <a href="list.asp?id=12">巡察工作</a> &gt;&gt; 正文</td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0" class="gkxx">
<tr><td>索引号：011234567/2024-00318</td><td>发布机构：中共汉江市委</td></tr>
<tr><td>成文日期：2024-12-20</td><td>公开方式：主动公开</td></tr>
</table>
<table width="980" border="0" align="center" cellpadding="0" cellspacing="0">
<tr><td align="center"><font size="5"><b>{title_html}</b></font></td></tr>
<tr><td align="center" class="xinxi">日期：2024-12-23 16:05:12&nbsp;&nbsp;点击数：<script>document.write(318)</script>&nbsp;&nbsp;来源：市委巡察办</td></tr>
<tr><td class="font14">
{body}
<div align="right">{signer}</div>
<div align="right">{date}</div>
</td></tr>
<tr><td align="center">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>
<table width="980" border="0" align="center"><tr><td align="center" class="foot">主办单位：中共汉江市委办公室&nbsp;&nbsp;技术支持：汉江市信息中心<br>鄂ICP备05001234号</td></tr></table>
</body>
</html>
"""


def page(clean: str, template: str, codec: str, encoding: str, paragraph) -> None:
    title_lines, body, signer, date = paragraphs(clean)
    title_plain = "".join(title_lines)
    title_html = "<br>".join(html.escape(line) for line in title_lines)
    rendered = template.format(
        title_plain=html.escape(title_plain),
        title_html=title_html,
        body="\n".join(paragraph(html.escape(line)) for line in body),
        signer=html.escape(signer),
        date=html.escape(date),
    )
    name = f"{clean}.page.html"
    (CORPUS / name).write_bytes(rendered.encode(codec))
    write_facts(clean, name, encoding, f"the notice as a saved web page, {encoding}")


def leaked(clean: str) -> None:
    """Leaks pinyin and Simplified forms in parentheses after characters of
    prose sentences, outside headings, quotes, titles and numbers."""
    pinyin = {"據": "jù", "統": "tǒng", "實": "shí", "們": "men", "進": "jìn", "與": "yǔ", "機": "jī", "關": "guān"}
    echo = {"區": "区", "國": "国", "級": "级", "會": "会"}
    lines = (CORPUS / f"{clean}.txt").read_text("utf-8").split("\n")
    out = []
    for index, line in enumerate(lines):
        is_prose = index > 1 and len(line) > 60 and not re.match(r"^[（(一二三四五六七八九十]", line)
        if not is_prose:
            out.append(line)
            continue
        result, budget = [], 3
        for position, char in enumerate(line):
            result.append(char)
            window = line[max(0, position - 6) : position + 7]
            safe = not re.search(r"[0-9０-９《》「」“”]", window)
            if budget and safe and (char in pinyin or char in echo):
                result.append("(" + (pinyin.get(char) or echo[char]) + ")")
                budget -= 1
        out.append("".join(result))
    name = f"{clean}.leaked.txt"
    (CORPUS / name).write_text("\n".join(out), "utf-8")
    write_facts(clean, name, "utf-8", "a copy with broken conversions: pinyin and Simplified forms leaked in parentheses")


if __name__ == "__main__":
    encoded("songping-county-2023-xunshi-provincial", "gb18030", "gb18030")
    encoded("taoyuan-county-2024-xuncha-taiwan-traditional", "big5", "big5")
    encoded("huiyang-county-2024-xuncha-henan-style", "utf-16-le", "utf-16le", bom=b"\xff\xfe")
    page(
        "xinhe-district-2024-xunshi-shanghai-style",
        SHANGHAI_PAGE,
        "utf-8",
        "utf-8",
        lambda line: f'<p style="text-indent: 2em;">&nbsp;&nbsp;　　{line}</p>',
    )
    page(
        "hanjiang-city-2024-xuncha-city-committee",
        LEGACY_PAGE,
        "gbk",
        "gb18030",
        lambda line: f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{line}</p>",
    )
    leaked("national-commodity-admin-2022-central-xunshi")
