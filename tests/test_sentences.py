"""Sentences live in the kb: the modules that print findings, comparisons and 预警 hold no
Chinese sentence, every template Python names exists, and real outputs read as the kb says.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from reasoner.api import get_kb
from reasoner.checks import KINDS, SEVERITIES, findings_json, run_checks
from reasoner.compare import compare
from reasoner.knowledge import KB, PLACE
from reasoner.warnings import COLUMNS, threshold_rule, warning_headers, warning_rules

ROOT = Path(__file__).resolve().parent.parent

# The modules whose words come from kb/core/templates.pl.
CONVERTED = [
    "reasoner/compare.py",
    "reasoner/warnings.py",
    *(
        f"reasoner/checks/{m}.py"
        for m in (
            "text",
            "model",
            "anomaly",
            "approximation",
            "conflict",
            "divergence",
            "floor",
            "overlap",
            "unresolved_reference",
            "validity",
            "gap",
            "common",
        )
    ),
]

# Words that remain, and why: they are matched against interpretation rationales (kb text
# being read), not shown to anyone.
ALLOWED = {
    ("reasoner/compare.py", "未设"): "an interpretation saying a program is not set",
    ("reasoner/compare.py", "未规定"): "an interpretation saying a program is not set",
    ("reasoner/checks/anomaly.py", "二档"): "an interpretation about the tier-2 subsidy",
    ("reasoner/checks/gap.py", "未列"): "an interpretation saying a category is not listed",
    ("reasoner/checks/gap.py", "未规定"): "an interpretation saying a category is not provided for",
}

# Han characters. Punctuation that joins kb sentences (、；，（）) is not a sentence.
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Where Python names a template: kb.say(key, …), kb.sentence(key[, arity]), and the
# helpers that look one up in a family (compare.optional(kb, key, …)).
CALLS = {"say": 0, "sentence": 0, "optional": 1}


@pytest.fixture(scope="module")
def kb() -> KB:
    return get_kb()


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def chinese_constants(path: str, root: Path = ROOT) -> list[tuple[int, str]]:
    """String constants holding Han characters, docstrings aside (f-string parts included)."""
    tree = ast.parse((root / path).read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and HAN.search(node.value)
        and (path, node.value) not in ALLOWED
    ]


@pytest.mark.parametrize("path", CONVERTED)
def test_module_holds_no_chinese_sentence(path: str) -> None:
    assert chinese_constants(path) == [], f"{path}: move these into kb/core/templates.pl"


def test_the_scan_sees_a_sentence_in_python(tmp_path: Path) -> None:
    """The scan is not blind: an f-string's words are found, docstrings are not."""
    (tmp_path / "m.py").write_text(
        '"""模块。"""\n\n\ndef f(x):\n    """说明。"""\n    return f"{x}文件未设此项目"\n',
        encoding="utf-8",
    )
    assert chinese_constants("m.py", tmp_path) == [(6, "文件未设此项目")]


Call = tuple[str, int, str, int | None, int | None]


def _template_calls() -> list[Call]:
    """(file, line, key or f-string prefix + '*', arity, positional values) of each call."""
    out: list[Call] = []
    for path in sorted([*(ROOT / "reasoner").rglob("*.py"), *(ROOT / "cli").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = (
                f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
            )
            if name not in CALLS or len(node.args) <= CALLS[name]:
                continue
            arg = node.args[CALLS[name]]
            where = str(path.relative_to(ROOT))
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                arity: int | None = 0
                if name == "sentence" and len(node.args) > 1:
                    a = node.args[1]
                    arity = (
                        a.value
                        if isinstance(a, ast.Constant) and isinstance(a.value, int)
                        else None
                    )
                values: int | None = None
                if name == "say" and not any(isinstance(a, ast.Starred) for a in node.args):
                    values = len(node.args) - 1
                out.append((where, node.lineno, arg.value, arity, values))
            elif isinstance(arg, ast.JoinedStr):
                head = arg.values[0] if arg.values else None
                prefix = str(head.value) if isinstance(head, ast.Constant) else ""
                out.append((where, node.lineno, f"{prefix}*", None, None))
            elif isinstance(arg, ast.IfExp):
                for branch in (arg.body, arg.orelse):
                    if isinstance(branch, ast.Constant) and isinstance(branch.value, str):
                        out.append((where, node.lineno, branch.value, 0, None))
    return out


def test_every_template_python_names_is_in_the_kb(kb: KB) -> None:
    """Each literal key exists with the arity asked, and kb.say gets one value per place;
    a key built from an id (an f-string) has at least one template of its family."""
    calls = _template_calls()
    assert len(calls) > 100  # the scan finds the call sites
    missing, unfilled = [], []
    for where, line, key, arity, values in calls:
        if key.endswith("*"):
            if not any(k.startswith(key[:-1]) for k, _ in kb.templates):
                missing.append(f"{where}:{line} {key}")
            continue
        if (key, arity or 0) not in kb.templates:
            missing.append(f"{where}:{line} {key}/{arity}")
            continue
        if values is None or arity != 0:
            continue
        text = str(kb.templates[(key, 0)])
        places = {int(m.group(1)) for m in PLACE.finditer(text) if m.group(1).isdigit()}
        if max(places, default=0) != values:  # a place left unfilled, or a value dropped
            unfilled.append(f"{where}:{line} {key}: {values} values for {sorted(places)}")
    assert missing == []
    assert unfilled == []


def test_template_families_are_complete(kb: KB) -> None:
    """Keys built from an id: every kind, severity and empty compare row has its sentence."""
    for kind in KINDS:
        assert (f"finding_kind_{kind}", 0) in kb.templates
    for sev in SEVERITIES:
        assert (f"finding_severity_{sev}", 0) in kb.templates
    for row in ("not_recognised", "no_program", "no_rule"):
        assert (f"compare_{row}", 0) in kb.templates
    assert len(kb.sentence("warnings_columns").split("、")) == len(COLUMNS)


def test_compare_cells_read_as_the_kb_says(kb: KB) -> None:
    # 沧政办规〔2022〕7号 二（四）: cz_tilt threshold 50% of 上年居民人均可支配收入 (the short
    # name of percent_of(per_capita_disposable_income)), rate 80%, cap 3000000 fen = 3万元.
    rows = {r.rule: r.cells for r in compare(kb, "tilt").rows if r.rule}
    tilt = {c: rows["cz_tilt"][c].text for c in ("deductible", "rate", "cap")}
    assert tilt == {
        "deductible": "年度累计超过50% 上年居民人均可支配收入",
        "rate": "80%",
        "cap": "3万元",
    }
    # 三（三）: 大病保险 起付线 −50%, 比例 +5 个百分点, 封顶线 unlimited (each with its prefix).
    rows = {r.rule: r.cells for r in compare(kb, "critical_illness_tilt").rows if r.rule}
    ci = {c: rows["cz_ci_tilt"][c].text for c in ("deductible", "rate", "cap", "conditions")}
    assert ci == {
        "deductible": "大病保险起付线降低50%",
        "rate": "大病保险比例提高5个百分点",
        "cap": "大病保险封顶线不设",
        "conditions": "住院、门诊慢特病",
    }
    # 渝北 sets no tilt: every cell of its row says so.
    yubei = next(r for r in compare(kb, "tilt").rows if r.region == "yubei")
    assert yubei.kind == "no_program" and yubei.cells["rate"].text == "文件未设此项目"


def test_warning_headers_and_rule_read_as_the_kb_says(kb: KB) -> None:
    head = warning_headers(kb)
    assert (head["person_id"], head["self_pay"], head["reason"]) == (
        "人员编号",
        "个人自付（元）",
        "说明",
    )
    # 攀枝花 第十八条: 上年居民人均可支配收入 × 50%.
    pzh = next(r for r in warning_rules(kb) if r.region == "panzhihua")
    assert threshold_rule(kb, pzh) == "上年居民人均可支配收入 × 50%"


def test_finding_sentences_read_as_the_kb_says(kb: KB) -> None:
    by_id = {f["id"]: f for f in findings_json(kb, run_checks(kb))["findings"]}
    # 沧政办规〔2022〕7号 二（三）: 10%左右 with 2700 元 for 2022 → base 2700 / 10% = 27000;
    # 25%左右 with 6700 元 → 26800; spread 200. Both figures are whole hundreds, so each
    # stands for ±50: (2650…2750) / 10% = 26500…27500 and (6650…6750) / 25% = 26600…27000
    # overlap in 26600…27000, whose middle rounded to 100 is 26800.
    assert by_id["approximation:cangzhou:per_capita_disposable_income:2022"]["message"] == (
        "沧州市文件以上年居民人均可支配收入的百分比“左右”规定起付标准，并给出2022年度暂定数："
        "10%左右（2022年度暂定2700元）推得基数 27000 元；25%左右（2022年度暂定6700元）推得基数 26800 元。"
        "两者推得的基数相差 200 元；若暂定数按100元取整，26600—27000元之间的同一基数可同时得出这些暂定数"
        "（如 26800 元），两者相容。medaid在2022年度使用暂定数，其他年度按百分比乘以案例参数"
        "per_capita_disposable_income计算。"
    )
    doc = kb.doc_no("jiangsu")
    assert doc.endswith("（征求意见稿）")
    assert by_id["validity:jiangsu:draft"]["message"] == (
        f"江苏省的文件是征求意见稿（{doc}），不是正式印发的文件；"
        "正式文本的标准和施行日期可能不同，medaid的结论只能作参考。"
    )
    # 渝北府办发〔2025〕2号 二（三）: 普通门诊救助 lists no 因病致贫重病患者, 二（四） gives them
    # 住院救助 and 二（五）、二（六） hand 特殊疾病、大额费用救助 to 渝北府办发〔2023〕37号: both tails.
    assert by_id["gap:yubei:outpatient:illness_poor"]["message"] == (
        "重庆市渝北区文件的普通门诊救助没有适用于“因病致贫重病患者”（illness_poor）的规则，"
        "也未指明按其他文件执行，而特困人员（tekun）等对象同一情形可以享受；本文件为该类对象"
        "规定了住院救助，此处未列可能是列举遗漏；该类对象的特殊疾病救助、大额费用救助按渝北府办发"
        "〔2023〕37号执行，普通门诊救助是否同样按其执行，文件未说明。"
    )
    # 沙府办发〔2023〕61号: 资助参保 reaches 因病致贫重病患者 only for some schemes; the
    # situation is described by the scheme alone (参加…).
    assert by_id["gap:shapingba:premium_subsidy:illness_poor"]["message"] == (
        "重庆市沙坪坝区文件的资助参保对“因病致贫重病患者”（illness_poor）只在部分情形下有规则："
        "参加城乡居民医保一档时不予资助参保，而低保对象（dibao）等对象同一情形可以享受；本文件为"
        "该类对象规定了特殊疾病救助、大额费用救助、倾斜救助，此处未列可能是列举遗漏。"
    )
    # 沧政办规〔2022〕7号: 监测对象's 住院救助 states 67% and 2万元 but no 起付标准.
    assert by_id["gap:cangzhou:inpatient:monitored:deductible"]["message"] == (
        "沧州市文件对纳入监测范围的农村易返贫致贫人口（monitored）的住院救助规定了救助比例67%，"
        "年度限额2万元，但未规定起付标准，无法计算，medaid结论为待定（不猜测为0或套用其他对象的标准）。"
    )
    # A divergence's situation in words (common.situation_text): level, scope, referral,
    # disease and cost, each as the kb words it.
    large = by_id["divergence:shapingba+yubei:large_expense"]["message"]
    assert "住院，2级医疗机构，市内就医，规范转诊，普通疾病，政策范围内费用40000元：" in large
