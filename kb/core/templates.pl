% medaid knowledge base — sentence templates for explanations.
%
% template(Key, Arity, Text): the sentence shown for a proof node of predicate
% Key/Arity; {N} is the N-th argument, rendered by name (claims by their id,
% dates in ISO form, money in 元, ids by their Chinese name). {N:claim}, {N:date},
% {N:fen} and {N:kind} (a claim kind) say how to read an argument. Keys with arity 0
% name the lines of an explanation that are not predicates.

% The generic rules' own sentences stand beside them in kb/core/rules.pl; here are
% those of the facts a document states, of the case facts, and of the lines of an
% explanation that are not predicates. kb.say(Key, …) fills a line's {N} or {name}.

% --- facts a document states ---------------------------------------------------
template(program_for, 4, "{1}文件对{3:kind}费用设{2}").
template(benefit_rule, 4, "{2}的规则 {3}").
template(rule_categories, 3, "规则 {1} 适用于「{2}」所列的每一类对象").
template(category_set, 3, "「{2}」属于「{1}」").
template(reform_adds, 2, "按改革方案，规则 {1} 适用于「{2}」").
template(reform_removes, 2, "按改革方案，规则 {1} 不再适用于「{2}」").
template(subkind, 4, "{1}文件将「{2}」列为「{3}」的一种").
template(temporal_rule, 3, "{1}文件规定身份时间规则「{2}」").
template(rule_condition, 3, "规则 {1} 要求「{2}」").
template(rule_exclusion, 3, "规则 {1} 不适用于「{2}」的情形").
template(within, 4, "在{1}，「{2}」就医属于{3}").
template(referral_exclusion, 2, "{1}文件：未按规定转诊的费用原则上不纳入医疗救助").
template(program, 3, "{1}由医疗救助基金支付").
template(delegated, 5, "{1}文件规定：{2}对「{3}」按 {4} 执行").

% --- case facts -------------------------------------------------------------
template(claim, 1, "理赔 {1:claim}").
template(claim_region, 2, "理赔 {1:claim} 属于{2}").
template(claim_type, 2, "理赔 {1:claim} 为{2:kind}费用").
template(claim_date, 2, "理赔 {1:claim} 的就诊（入院）日期为 {2:date}").
template(claim_discharge, 2, "理赔 {1:claim} 的出院日期为 {2:date}").
template(claim_level, 2, "理赔 {1:claim} 在 {2} 级医疗机构").
template(claim_scope, 2, "理赔 {1:claim} 的就医地为{2}").
template(claim_referral, 2, "理赔 {1:claim} 的转诊情况：{2}").
template(claim_cost, 2, "理赔 {1:claim} 的政策范围内费用为 {2:fen} 元").
template(claim_special, 1, "理赔 {1:claim} 所患疾病属于特殊疾病").
template(claim_age, 2, "理赔 {1:claim} 时年龄 {2} 周岁").
template(claim_disability, 2, "残疾等级 {2} 级").
template(claim_maintenance, 1, "需院外维持治疗的重病患者").
template(claim_scheme, 2, "参保档次：{2}").
template(claim_identity, 6, "本人身份「{2}」自 {3:date} 至 {4:date}").

% --- comparisons (gt >, ge >=, lt <, eq =) and negation (naf) --------------------------------------------------------------
template(gt, 2, "{1} > {2}").
template(ge, 2, "{1} ≥ {2}").
template(lt, 2, "{1} < {2}").
template(eq, 2, "{1} = {2}").
template(naf, 1, "并非：{1}").
% comparisons of amounts (fen), as a one-stay cost condition proves them
template(gt_fen, 2, "{1:fen} 元 > {2:fen} 元").
template(ge_fen, 2, "{1:fen} 元 ≥ {2:fen} 元").
template(lt_fen, 2, "{1:fen} 元 < {2:fen} 元").
template(eq_fen, 2, "{1:fen} 元 = {2:fen} 元").
template(open_end, 0, "长期").

% --- calculation lines ----------------------------------------------------------
template(step_self_pay, 0, "政策范围内个人自付").
template(step_deductible, 0, "起付标准").
template(step_deductible_remaining, 0, "剩余起付标准").
template(step_rate, 0, "救助比例").
template(step_raw, 0, "按比例计算").
template(step_cap, 0, "年度救助限额").
template(step_cap_remaining, 0, "剩余年度限额").
template(step_subcap, 0, "分项限额").
template(step_subcap_remaining, 0, "剩余分项限额").
template(step_threshold, 0, "倾斜救助起点").
template(step_residual, 0, "三重制度保障后自付").
template(step_over_threshold, 0, "年度累计超过起点的部分").
template(step_base, 0, "缴费标准").
template(step_amount, 0, "救助金额").
template(scenario_min, 0, "最低（按文件下限）").
template(scenario_max, 0, "最高（按文件上限）").
template(heading_precedence, 0, "多重身份（就高，不重复）").
template(heading_calculation, 0, "计算").
template(heading_eligibility, 0, "资格").
template(heading_interpretations, 0, "采用的解释").
template(heading_failed, 0, "未满足的条件").
template(cond_met_line, 0, "满足条件：{1}").
template(heading_changes, 0, "最小改动（均已重新计算验证）").
template(heading_more, 0, "可多得救助的改动（均已重新计算验证）").
template(heading_better_rules, 0, "未适用的更优规则").
template(no_change, 0, "在单项改动（转诊、就医地、医院级别、特殊疾病、残疾等级、年龄、维持治疗、费用、身份）范围内，没有能使该项目适用的改动").
template(no_change_more, 0, "在单项改动范围内，没有能使该项目多得救助的改动").
template(no_program, 0, "文件未为此类费用设该项目").
template(missing_identity, 0, "身份不符：规则 {1} 仅适用于 {2}").
template(condition_failed, 0, "条件未满足：{1}").
template(already_applies, 0, "已按规则 {1} 以「{2}」身份适用：请用 medaid why 查看计算").
template(delegated_category, 0, "「{1}」的{2}由 {3} 规定，该文件不在知识库中").
template(delegated_condition_failed, 0, "本文件为该项目所列条件未满足：{1}").
template(heading_sources, 0, "依据").
template(derivation, 0, "推导：{1}").
template(note_most_generous, 0, "取文件所允许的最有利值").
template(floor_zero, 0, "（{1}，负数计 0）").
template(step_line, 0, "{1}：{2}{3}").
template(step_note, 0, "（{1}）").

% --- the head of an explanation and its lines ------------------------------------
template(why_heading, 0, "{1} · {2}：{3} {4}").
template(premium_year, 0, "{1}年").
template(amount_exact, 0, "{1} 元").
template(amount_floor, 0, "不低于 {1} 元").
template(amount_range, 0, "{1}～{2} 元").
template(identity_line, 0, "身份：{1}（{2}）").
template(alternative_unresolved, 0, "{1}（规则 {2}）：待定，{3}").
template(alternative_amount, 0, "{1}（规则 {2}）：{3} 元，未选").
template(amount_span, 0, "{1}～{2}").
template(interpretation_line, 0, "{1}：{2}").
template(quote_clause, 0, "{1} {2}「{3}」").
template(quote_interpretation, 0, "{1} 解释「{2}」：{3}").
template(cite_tag, 0, "  〔{1} {2}〕").
template(cite_interpretation, 0, "解释 {1}").
template(cite_interpretation_clause, 0, "解释 {1}，{2}").
template(rule_line, 0, "规则 {1}").
template(rule_line_figures, 0, "规则 {1}（{2}）").
template(figure_deductible, 0, "起付标准").
template(figure_rate, 0, "救助比例").
template(figure_cap, 0, "年度限额").

% --- changes that would make a program apply (why-not) ---------------------------
template(change_referral, 0, "转诊改为「{1}」").
template(change_scope, 0, "就医地改为「{1}」").
template(change_level, 0, "医院级别改为 {1} 级").
template(change_special, 0, "按特殊疾病认定").
template(change_ordinary, 0, "不按特殊疾病认定").
template(change_disability, 0, "残疾等级为 {1} 级").
template(change_maintenance, 0, "认定为需院外维持治疗的重病患者").
template(change_birth, 0, "出生日期为 {1}（年满 {2} 周岁）").
template(change_cost, 0, "政策范围内费用提高到 {1} 元").
template(change_identity, 0, "增加身份「{1}」（{2}）").
template(change_outcome, 0, "{1}{2} {3}").
template(change_line, 0, "{1} → {2}").

% --- a case's result table and notes (medaid eval) -------------------------------
template(result_heading, 0, " · {1} · 人员 ").
template(result_columns, 0, "理赔、日期、个人自付、项目、结果、金额（元）、身份、条款").
template(cell_floor, 0, "不低于 {1}").
template(total_all, 0, "医疗救助合计：{1} 元").
template(total_exact, 0, "医疗救助确定金额合计：{1} 元（只含确定金额）").
template(total_bounded_count, 0, "区间或下限项目 {1} 项").
template(total_unresolved_count, 0, "待定项目 {1} 项").
template(total_floor, 0, "不低于 {1} 元（有项目无法确定上限）").
template(total_others, 0, "另有{1}：全部医疗救助 {2}").
template(benefit_note, 0, "{1} {2}：{3}").
template(note_line, 0, "  注：{1}").
template(warning_where, 0, "（{1} {2}：「{3}」）").
template(warning_undecided, 0, "  预警：{1}年 {2} 未能判断——{3}{4}").
template(warning_line, 0, "  预警：{1}年 {2}（{3}）：个人自付 {4} 元（{5}，解释 {6}），超过 {7} 元（{8}）{9}").
template(heading_interpretations_used, 0, "采用的解释：").
template(interpretation_used, 0, "  {1}：{2}——{3}").

% --- condition terms and reasons (labels for compound ids) -------------------------
template(level_min, 1, "{1}级及以上医疗机构").
template(level_max, 1, "{1}级及以下医疗机构").
template(special_disease, 0, "患特殊疾病").
template(ordinary_disease, 0, "患特殊疾病以外的疾病").
template(cost_over, 1, "一次住院政策范围内费用超过 {1:fen} 元").
template(referral, 1, "{1}").
template(properly_referred, 0, "规范转诊（含基层首诊转诊）").
template(within, 1, "在{1}就医").
template(age_min, 1, "年满 {1} 周岁").
template(disability_max, 1, "{1}级及以上残疾").
template(maintenance, 0, "需院外维持治疗").
template(scheme, 1, "参加{1}").
template(unless, 1, "不属于：{1}").
template(unreferred, 0, "未按规定转诊且在统筹地区以外就医").
template(admission_date, 0, "入院（就诊）日身份有效").
template(month_grace, 0, "丧失身份次月起停止，当月仍享受").
template(gained_during_stay, 0, "住院期间取得身份，当次住院起享受").
template(retroactive_year, 0, "经认定的对象追溯当年度费用").
template(year_overlap, 0, "年度内具有该身份").
template(percent_of, 1, "{1}的百分比").

% --- medaid compare: the table's cells ---------------------------------------------
% A figure's text is built from these in reasoner/compare.py (param_text): the bound sign
% (≥ ≤ ≈) and the percent notation stay symbols; every word is here.
template(compare_columns, 0, "地区（文件）、救助对象、起付标准、救助比例、年度限额、条件").
template(compare_unlimited, 0, "不设").
template(compare_wan_yuan, 0, "{1}万元").
template(compare_yuan, 0, "{1}元").
template(compare_points, 0, "{1}{2}个百分点").
template(compare_year_value, 0, "（{1}年：{2}）").
% a figure's prefix, by parameter name (compare_prefix_<name>; other figures have none)
template(compare_prefix_threshold, 0, "年度累计超过").
template(compare_prefix_ci_deductible_cut, 0, "大病保险起付线降低").
template(compare_prefix_ci_rate_raise, 0, "大病保险比例提高").
template(compare_prefix_subcap, 0, "其中普通门诊").
template(compare_prefix_ci_cap, 0, "大病保险封顶线").
% the short name of a percent_of(Base) figure's base (base_short_<Base>): the ontology's
% full names are too long for a table cell; a base without one shows its id
template(base_short_per_capita_disposable_income, 0, "上年居民人均可支配收入").
template(base_short_monitoring_income_standard, 0, "防止返贫监测收入标准").
template(base_short_province_rural_per_capita_disposable_income, 0, "全省上年农村居民人均可支配收入").
template(base_short_contribution, 0, "本人档次个人缴费").
template(base_short_resident_tier1_contribution, 0, "一档个人缴费标准").
template(base_short_resident_tier2_contribution, 0, "二档个人缴费标准").
template(compare_delegated_figure, 0, "由{1}").
template(compare_delegated, 0, "按{1}执行（未入库）").
template(compare_exclusion, 0, "不含{1}").
template(compare_referral_exclusion, 0, "未按规定转诊的统筹地区外费用不予救助").
template(compare_subkinds, 0, "{1}，含{2}").
template(compare_clause_interpretation, 0, "{1} 解释「{2}」").
% a row without a rule, by why (compare_<row kind>)
template(compare_not_recognised, 0, "文件未列此类对象").
template(compare_no_program, 0, "文件未设此项目").
template(compare_no_rule, 0, "文件未为此类对象规定本项目").
template(compare_unknown_category, 0, "未知救助对象类别 {1}；可用：{2}").

% --- medaid warnings: the 预警 table (reasoner/warnings.py) -------------------------
template(warnings_columns, 0, "人员编号、地区、年度、预警、预警名称、状态、个人自付（元）、预警线（元）、预警线规则、监测人群、自付口径、自付口径解释、文件、条款、原文、说明").
template(warnings_sheet, 0, "预警").
template(warnings_threshold_rule, 0, "{1} × {2}%").
template(warnings_bad_out, 0, "不支持的输出格式 {1}：可用 .csv、.xlsx、.json").
template(warnings_no_suffix, 0, "（无扩展名）").

