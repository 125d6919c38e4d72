"""The case file: parsing, validation and normalisation to canonical ids.

Input accepts canonical ids and the documents' Chinese terms; every error names
the field path and the reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from reasoner.errors import InputError
from reasoner.knowledge import KB
from reasoner.loader import bad_character, load_file

OPEN_END = dt.date(9999, 12, 31)
MONEY_FIELDS = (
    "policy_scope_cost",
    "basic_insurance_paid",
    "critical_illness_paid",
    "supplementary_paid",
)

_ERROR_TEXT = {
    "missing": "必填字段缺失",
    "extra_forbidden": "未知字段",
    "date_from_datetime_parsing": "不是 ISO 日期（YYYY-MM-DD）",
    "date_parsing": "不是 ISO 日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "不是 ISO 日期（YYYY-MM-DD）",
    "date_type": "不是 ISO 日期（YYYY-MM-DD）",
    "int_parsing": "不是整数",
    "int_type": "不是整数",
    "int_from_float": "不是整数",
    "bool_parsing": "不是布尔值（true/false）",
    "bool_type": "不是布尔值（true/false）",
    "string_type": "不是字符串",
    "list_type": "应为列表",
    "dict_type": "应为映射",
    "model_type": "应为映射",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "int_parsing_size": "整数超出范围",
    "greater_than_equal": "超出允许范围",
    "less_than_equal": "超出允许范围",
}


MAX_ID = 100
MAX_NAME = 200


def _invalid(reason: str) -> PydanticCustomError:
    return PydanticCustomError("medaid", "{reason}", {"reason": reason})


def _iso_date(v: Any) -> dt.date:
    """ISO dates only, checked against the calendar (the loader keeps dates as text)."""
    if isinstance(v, dt.datetime):
        raise _invalid("应为日期（YYYY-MM-DD），不含时刻")
    if isinstance(v, dt.date):
        return v
    if not isinstance(v, str):
        raise _invalid("不是 ISO 日期（YYYY-MM-DD）")
    s = v.strip()
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", s, re.ASCII)
    if m is None:
        raise _invalid(f"不是 ISO 日期（YYYY-MM-DD）：{s[:40]!r}")
    y, mo, d = (int(g) for g in m.groups())
    if y < 1:
        raise _invalid(f"不是有效日期 {s}：年份应在 0001–9999（ISO 日期 YYYY-MM-DD）")
    if not 1 <= mo <= 12:
        raise _invalid(f"不是有效日期 {s}：月份应为 01–12（ISO 日期 YYYY-MM-DD）")
    last = calendar.monthrange(y, mo)[1]
    if not 1 <= d <= last:
        raise _invalid(f"不是有效日期 {s}：{y}年{mo}月只有{last}天（ISO 日期 YYYY-MM-DD）")
    return dt.date(y, mo, d)


def _integer(v: Any) -> Any:
    # pydantic would take `true` as 1; a flag is not a number.
    if isinstance(v, bool):
        raise _invalid("不是整数")
    return v


def _text(limit: int) -> Any:
    def check(v: Any) -> Any:
        if isinstance(v, int | float) and not isinstance(v, bool):
            v = str(v)
        if isinstance(v, str):
            if len(v) > limit:
                raise _invalid(f"过长（{len(v)} 个字符，上限 {limit}）")
            bad = bad_character(v)
            if bad is not None:
                raise _invalid(f"含控制字符 {bad}")
        return v

    return BeforeValidator(check)


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Int = Annotated[int, BeforeValidator(_integer)]
Id = Annotated[str, _text(MAX_ID), Field(min_length=1)]
Name = Annotated[str, _text(MAX_NAME)]


def _level_value(v: Any) -> Any:
    """A hospital level as given: 1–3 or text (二级, resolved against the kb later)."""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int | str):
        raise _invalid("不是整数")
    if isinstance(v, str) and len(v) > MAX_NAME:
        raise _invalid(f"过长（{len(v)} 个字符，上限 {MAX_NAME}）")
    return v


Level = Annotated[Any, BeforeValidator(_level_value)]


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Identity(_M):
    category: Name = Field(min_length=1)
    since: IsoDate | None = None
    until: IsoDate | None = None


class Insurance(_M):
    scheme: Name | None = None


class Person(_M):
    id: Id
    birth_date: IsoDate | None = None
    disability_grade: Int | None = Field(default=None, ge=1, le=4)
    needs_maintenance_treatment: bool = False
    identities: list[Identity] = Field(min_length=1)
    insurance: Insurance = Insurance()


class Hospital(_M):
    level: Level
    scope: Name


class Claim(_M):
    id: Id
    type: Name
    date: IsoDate
    discharge: IsoDate | None = None
    disease: Name | None = None
    special_disease: bool | None = None
    hospital: Hospital
    referral: Name = "none"
    policy_scope_cost: Any
    basic_insurance_paid: Any = 0
    critical_illness_paid: Any = 0
    supplementary_paid: Any = 0


class CaseModel(_M):
    region: Annotated[Any, _text(MAX_NAME)]
    person: Person
    parameters: dict[Any, Any] = {}
    claims: list[Claim] = []
    year: Int | None = Field(default=None, ge=1900, le=2100)


class NClaim(BaseModel):
    """A validated claim with canonical ids and money in Decimal 元."""

    model_config = ConfigDict(frozen=True)
    index: int
    id: str
    type: str  # a claim kind of kb/core/ontology.pl, never the premium pseudo-claim
    date: dt.date
    discharge: dt.date | None
    disease: str | None
    special_disease: bool | None
    level: int
    scope: str
    referral: str
    policy_scope_cost: Decimal
    basic_insurance_paid: Decimal
    critical_illness_paid: Decimal
    supplementary_paid: Decimal

    @property
    def self_pay(self) -> Decimal:
        return (
            self.policy_scope_cost
            - self.basic_insurance_paid
            - self.critical_illness_paid
            - self.supplementary_paid
        )


class NIdentity(BaseModel):
    model_config = ConfigDict(frozen=True)
    category: str
    since: dt.date
    until: dt.date
    given_as: str


class Case(BaseModel):
    """A validated, normalised case."""

    model_config = ConfigDict(frozen=True)
    region: str
    person_id: str
    birth_date: dt.date | None
    disability_grade: int | None
    needs_maintenance_treatment: bool
    scheme: str | None
    identities: tuple[NIdentity, ...]
    parameters: dict[tuple[str, int | None], Decimal]
    claims: tuple[NClaim, ...]
    year: int | None = None

    def years(self) -> list[int]:
        ys = {c.date.year for c in self.claims}
        if self.year:
            ys.add(self.year)
        return sorted(ys)


def _path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


MONEY_MAX = Decimal("1000000000")
# The one grammar for money text (eval and audit): ASCII digits, optionally a point and
# digits; digits past the fen must be zeros. No sign, exponent, separators or currency.
MONEY_PATTERN = r"[0-9]+(\.[0-9]+)?"
_MONEY_RE = re.compile(MONEY_PATTERN, re.ASCII)
_NON_FINITE = {"nan", ".nan", "+nan", "-nan", "inf", ".inf", "+inf", "-inf", "+.inf", "-.inf"}
_NON_FINITE |= {"infinity", "+infinity", "-infinity"}


def parse_money(text: str, field: str = "") -> Decimal:
    """Money written as text, in 元: the one parser eval and audit share.

    Accepted: ASCII digits with an optional decimal point followed by at least one digit,
    surrounding whitespace ignored: "12000", " 12.5 ", "0.01", "12.500" (digits past the
    fen must be zeros). Refused, each with its reason: empty text, a sign ("-5" is
    negative, "+5" is not money), exponents ("1e5" — a spreadsheet's scientific display
    may have dropped digits), "1." and ".5", thousands separators ("1,000"), currency
    signs or units ("¥12", "12元"), full-width digits, NaN/Infinity, more than two
    non-zero decimals, and amounts over 1,000,000,000 元. Raises InputError(field, reason).
    """
    t = text.strip()
    if not t:
        raise InputError(field, "金额为空")
    shown = repr(t[:40])
    if not _MONEY_RE.fullmatch(t):
        low = t.lower()
        if low in _NON_FINITE:
            raise InputError(field, "金额必须是有限数")
        if t.startswith("-") and _MONEY_RE.fullmatch(t[1:]):
            raise InputError(field, "金额不能为负数")
        if "e" in low and re.fullmatch(r"[-+]?[0-9.]+e[-+]?[0-9]+", low, re.ASCII):
            raise InputError(field, f"不是金额：{shown}（不接受科学计数法，请写出全部数字）")
        if "," in t or "，" in t:
            raise InputError(field, f"不是金额：{shown}（不接受千位分隔符）")
        raise InputError(field, f"不是金额：{shown}（应为元，如 12000 或 12000.50）")
    whole, _, frac = t.partition(".")
    if len(whole.lstrip("0")) > len(str(int(MONEY_MAX))):
        raise InputError(field, "金额超出合理范围（10亿元）")
    if frac[2:].strip("0"):
        raise InputError(field, "金额最多两位小数（分）")
    d = Decimal(f"{whole}.{frac[:2]}" if frac else whole)
    if d > MONEY_MAX:
        raise InputError(field, "金额超出合理范围（10亿元）")
    return d


def _money(value: Any, field: str) -> Decimal:
    """A money value from case data: text (parse_money), an integer, or a finite number."""
    if isinstance(value, str):
        return parse_money(value, field)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InputError(field, "应为金额（元）")
    if isinstance(value, int):
        if value < 0:
            raise InputError(field, "金额不能为负数")
        if value > MONEY_MAX:
            raise InputError(field, "金额超出合理范围（10亿元）")
        return Decimal(value)
    d = Decimal(repr(value)) if isinstance(value, float) else value
    if not d.is_finite():
        raise InputError(field, "金额必须是有限数")
    if d < 0:
        raise InputError(field, "金额不能为负数")
    if d > MONEY_MAX:
        raise InputError(field, "金额超出合理范围（10亿元）")
    fen = d.quantize(Decimal("0.01"))
    if fen != d:
        raise InputError(field, "金额最多两位小数（分）")
    return d if -2 <= int(d.as_tuple().exponent) <= 0 else fen


def _enum(value: Any, field: str, kb: KB, domain: str) -> Any:
    key = str(value).strip()
    table = kb.accepted(domain)
    found = table.get(key)
    if found is not None:
        return found
    names = kb.names(domain)
    valid = "、".join(f"{v}（{names.get(v, v)}）" for v in sorted(set(table.values())))
    raise InputError(field, f"未知取值 {key[:40]!r}；可用：{valid}")


def load_case_file(path: str | Path) -> dict[str, Any]:
    """Read a YAML or JSON case file into plain data (limits in reasoner.loader)."""
    data = load_file(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "案例文件应为映射（region/person/claims）")
    return data


def category_id(kb: KB, region: str, given: str, field: str) -> str:
    """A category the region's document recognises, from its id or a Chinese term.

    A category the document does not name would make every program silently
    not_eligible, so it is an error listing the region's own categories.
    """
    from reasoner.space import region_categories  # space builds on this module

    key = given.strip()
    cat = kb.category_lookup.get(key)
    valid = region_categories(kb, region)
    listed = "、".join(f"{c}（{kb.category_label(region, c)}）" for c in valid)
    if cat is None:
        raise InputError(
            field, f"未知救助对象类别 {key[:40]!r}；{kb.region_name(region)}可用：{listed}"
        )
    if cat not in valid:
        raise InputError(
            field,
            f"{kb.region_name(region)}（{kb.doc_no(region)}）不认定救助对象类别 "
            f"{cat}（{kb.categories.get(cat, cat)}）；可用：{listed}",
        )
    return cat


def parse_case(data: dict[str, Any], kb: KB) -> Case:
    """Validate raw case data against the model and the knowledge base."""
    try:
        m = CaseModel.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        reason = err["msg"] if err["type"] == "medaid" else _ERROR_TEXT.get(err["type"], err["msg"])
        if err["type"] in ("greater_than_equal", "less_than_equal"):
            ctx = err.get("ctx", {})
            reason += f"（{'≥ ' + str(ctx['ge']) if 'ge' in ctx else '≤ ' + str(ctx.get('le'))}）"
        raise InputError(_path(tuple(err["loc"])), reason) from None

    if isinstance(m.region, bool) or not isinstance(m.region, str | int):
        raise InputError("region", "应为地区名称或区划代码")
    region = kb.region_lookup.get(str(m.region).strip())
    if region is None:
        valid = ", ".join(f"{r}（{kb.region_name(r)}，{kb.documents[r][4]}）" for r in kb.documents)
        raise InputError("region", f"未知地区 {str(m.region)[:40]!r}；可用：{valid}")

    idents = _identities(m, kb, region)
    scheme = None
    if m.person.insurance.scheme is not None:
        scheme = _enum(m.person.insurance.scheme, "person.insurance.scheme", kb, "scheme")
    start = kb.in_force[region][1] if region in kb.in_force else 0
    end = kb.in_force[region][2] if region in kb.in_force else 99991231
    claims = _claims(m, kb, region, start, end)
    if not claims and m.year is None:
        raise InputError("year", "案例没有理赔（claims）时必须给出年度 year，例如 year: 2024")
    if m.year is not None and (m.year * 10000 + 1231 < start or m.year * 10000 + 101 > end):
        raise InputError(
            "year", f"{m.year} 年 {kb.doc_no(region)} 不在有效期内（{_fmt(start)} 至 {_fmt(end)}）"
        )
    params = _parameters(m.parameters, kb)
    return Case(
        region=region,
        person_id=m.person.id,
        birth_date=m.person.birth_date,
        disability_grade=m.person.disability_grade,
        needs_maintenance_treatment=m.person.needs_maintenance_treatment,
        scheme=scheme,
        identities=tuple(idents),
        parameters=params,
        claims=tuple(claims),
        year=m.year,
    )


def _identities(m: CaseModel, kb: KB, region: str) -> list[NIdentity]:
    idents = []
    for i, ident in enumerate(m.person.identities):
        f = f"person.identities[{i}]"
        cat = category_id(kb, region, ident.category, f + ".category")
        since = ident.since or dt.date(1900, 1, 1)
        until = ident.until or OPEN_END
        if until < since:
            raise InputError(f + ".until", "终止日期早于起始日期")
        idents.append(NIdentity(category=cat, since=since, until=until, given_as=ident.category))
    return idents


def _claims(m: CaseModel, kb: KB, region: str, start: int, end: int) -> list[NClaim]:
    """The claims, each checked against the document's dates and its own money."""
    claims = []
    seen: set[str] = set()
    for i, c in enumerate(m.claims):
        f = f"claims[{i}]"
        if c.id in seen:
            raise InputError(f + ".id", f"理赔编号重复：{c.id[:40]!r}")
        seen.add(c.id)
        ctype = _enum(c.type, f + ".type", kb, "claim_kind")
        scope = _enum(c.hospital.scope, f + ".hospital.scope", kb, "scope")
        referral = _enum(c.referral, f + ".referral", kb, "referral_kind")
        level = _level(c.hospital.level, f + ".hospital.level", kb)
        if c.discharge is not None and c.discharge < c.date:
            raise InputError(f + ".discharge", "出院日期早于入院日期")
        d = int(c.date.strftime("%Y%m%d"))
        if d < start:
            raise InputError(
                f + ".date",
                f"{c.date.isoformat()} 早于 {kb.doc_no(region)} 施行日期 {_fmt(start)}：知识库中无适用文件",
            )
        if d > end:
            raise InputError(
                f + ".date",
                f"{c.date.isoformat()} 晚于 {kb.doc_no(region)} 有效期截止日 {_fmt(end)}",
            )
        if m.person.birth_date and c.date < m.person.birth_date:
            raise InputError(f + ".date", "就诊日期早于出生日期")
        money = {k: _money(getattr(c, k), f"{f}.{k}") for k in MONEY_FIELDS}
        paid = (
            money["basic_insurance_paid"]
            + money["critical_illness_paid"]
            + money["supplementary_paid"]
        )
        if paid > money["policy_scope_cost"]:
            raise InputError(
                f + ".basic_insurance_paid",
                f"基本医保、大病保险与补充保险支付合计 {paid} 元超过政策范围内费用 {money['policy_scope_cost']} 元",
            )
        claims.append(
            NClaim(
                index=i + 1,
                id=c.id,
                type=ctype,
                date=c.date,
                discharge=c.discharge,
                disease=c.disease,
                special_disease=c.special_disease,
                level=level,
                scope=scope,
                referral=referral,
                **money,
            )
        )
    return claims


def _level(value: int | str, field: str, kb: KB) -> int:
    levels = kb.vocab.levels
    if isinstance(value, str):
        key = value.strip()
        found = int(key) if key.isdigit() and len(key) == 1 else kb.lookup("level").get(key)
        if found is None:
            valid = "、".join(f"{n}（{name}）" for n, name in levels.items())
            raise InputError(field, f"未知医院级别 {key[:40]!r}；可用：{valid}")
        value = found
    if value < min(levels):
        raise InputError(field, f"超出允许范围（≥ {min(levels)}）")
    if value > max(levels):
        raise InputError(field, f"超出允许范围（≤ {max(levels)}）")
    return int(value)


def _fmt(d: int) -> str:
    s = str(d)
    return f"{s[:4]}-{s[4:6]}-{s[6:]}"


def _parameters(raw: dict[Any, Any], kb: KB) -> dict[tuple[str, int | None], Decimal]:
    """`name: value` applies to every year; `YEAR: {name: value}` to that year."""
    out: dict[tuple[str, int | None], Decimal] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            try:
                year = int(key)
            except (TypeError, ValueError):
                raise InputError(f"parameters.{key}", "应为参数名或年度") from None
            for name, v in value.items():
                f = f"parameters.{key}.{name}"
                _put(out, (_param_name(name, f, kb), year), _money(v, f), f)
        else:
            f = f"parameters.{key}"
            _put(out, (_param_name(key, f, kb), None), _money(value, f), f)
    return out


def _put(
    out: dict[tuple[str, int | None], Decimal],
    key: tuple[str, int | None],
    value: Decimal,
    field: str,
) -> None:
    # An id and its Chinese name (or 2024 and "2024") are one parameter: never let one win.
    if key in out:
        raise InputError(
            field, f"参数重复：{key[0]}" + (f"（{key[1]}年）" if key[1] else "") + " 已给出"
        )
    out[key] = value


def _param_name(name: Any, field: str, kb: KB) -> str:
    n = str(name)
    stated = kb.vocab.stated_externals()
    if n in stated:
        return n
    for pid, (label, _) in stated.items():
        if label == n:
            return pid
    valid = ", ".join(stated)
    raise InputError(field, f"未知参数 {n[:40]!r}；可用：{valid}")
