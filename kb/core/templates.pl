% medaid knowledge base — sentence templates for explanations.
%
% template(Key, Arity, Text): the sentence shown for a proof node of predicate
% Key/Arity; {N} is the N-th argument, rendered by name (claims by their id,
% dates in ISO form, money in 元, ids by their Chinese name). {N:claim}, {N:date},
% {N:fen} and {N:kind} (a claim kind) say how to read an argument. Keys with arity 0
% name the lines of an explanation that are not predicates.

% --- eligibility ------------------------------------------------------------
template(applicable, 4, "理赔 {1:claim} 可按规则 {3} 以「{4}」身份享受{2}").
template(candidate, 4, "规则 {3} 适用于「{4}」，且该身份在理赔 {1:claim} 时有效").
template(offered, 2, "文件为此类费用设有{2}").
template(program_for, 4, "{1}文件对{3:kind}费用设{2}").
template(benefit_rule, 4, "{2}的规则 {3}").
template(rule_category, 3, "规则 {1} 适用于「{2}」").
template(reform_adds, 2, "按改革方案，规则 {1} 适用于「{2}」").
template(reform_removes, 2, "按改革方案，规则 {1} 不再适用于「{2}」").
template(holds, 2, "理赔 {1:claim} 时具有「{2}」身份").
template(holds_via, 3, "理赔 {1:claim} 时通过本人身份「{3}」具有「{2}」身份").
template(covers, 3, "身份「{2}」按「{3}」覆盖理赔 {1:claim}").
template(claim_identity, 6, "本人身份「{2}」自 {3:date} 至 {4:date}").
template(subkind, 4, "{1}文件将「{2}」列为「{3}」的一种").
template(temporal_rule, 3, "{1}文件规定身份时间规则「{2}」").
template(blocked, 2, "规则 {2} 有条件未满足").
template(fails, 3, "理赔 {1:claim}：规则 {2} 的条件「{3}」未满足").
template(cond, 2, "理赔 {1:claim} 满足条件「{2}」").
template(rule_condition, 3, "规则 {1} 要求「{2}」").
template(rule_exclusion, 3, "规则 {1} 不适用于「{2}」的情形").
template(within, 4, "在{1}，「{2}」就医属于{3}").
template(excluded, 3, "理赔 {1:claim} 的{2}被排除：{3}").
template(referral_exclusion, 2, "{1}文件：未按规定转诊的费用原则上不纳入医疗救助").
template(program, 3, "{1}由医疗救助基金支付").
template(unresolved, 4, "理赔 {1:claim} 的{2}对「{3}」由 {4} 规定").
template(delegated, 5, "{1}文件规定：{2}对「{3}」按 {4} 执行").
template(status, 3, "理赔 {1:claim} 的{2}：{3}").

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

% --- comparisons (gt >, ge >=, lt <, eq =) and negation (naf) --------------------------------------------------------------
template(gt, 2, "{1} > {2}").
template(ge, 2, "{1} ≥ {2}").
template(lt, 2, "{1} < {2}").
template(eq, 2, "{1} = {2}").
template(naf, 1, "并非：{1}").

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
template(cond_met, 0, "满足条件").
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
