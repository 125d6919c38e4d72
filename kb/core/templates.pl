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

% --- medaid check: the report's lines (reasoner/checks/text.py) ----------------------
template(check_summary, 0, "一致性检查：共 {1} 项发现（错误 {2}，警告 {3}，提示 {4}）").
template(check_kind_heading, 0, "== {1}（{2}）：{3} 项 ==").
template(check_basis_interpretation, 0, "  依据：{1} 解释「{2}」").
template(check_basis_quote, 0, "  依据：{1}「{2}」").
template(check_more_cites, 0, "  （另有 {1} 处依据，见 --format json）").
template(check_witness_verified, 0, "  例证：已用 medaid eval 验证（案例见 --format json 的 witness{1}）").
template(check_witness_note, 0, "  例证：{1}").
% finding kinds and severities by name (finding_kind_<kind>, finding_severity_<severity>)
template(finding_kind_gap, 0, "待遇缺口").
template(finding_kind_overlap, 0, "项目重叠").
template(finding_kind_conflict, 0, "规则冲突").
template(finding_kind_unresolved_reference, 0, "未入库的引用").
template(finding_kind_divergence, 0, "文件间差异").
template(finding_kind_floor, 0, "突破上位文件标准").
template(finding_kind_anomaly, 0, "异常").
template(finding_kind_approximation, 0, "约数与暂定值").
template(finding_kind_validity, 0, "效力").
template(finding_severity_error, 0, "错误").
template(finding_severity_warning, 0, "警告").
template(finding_severity_info, 0, "提示").

% --- medaid check: the findings' sentences (reasoner/checks/<kind>.py) ---------------
% Each finding_<kind>_… is filled by its module with names, figures and clause numbers;
% the parts a finding adds only sometimes are templates of their own.
template(finding_date, 0, "{1}年{2}月{3}日").
% validity
template(finding_validity_draft, 0, "{1}的文件是征求意见稿（{2}），不是正式印发的文件；正式文本的标准和施行日期可能不同，medaid的结论只能作参考。").
template(finding_validity_interpreted, 0, "{1}文件的施行期间由medaid推定为{2}起{3}（解释「{4}」）：{5}").
template(finding_validity_open_end, 0, "、未设终止日期").
template(finding_validity_until, 0, "至{1}").
template(finding_validity_start, 0, "{1}文件自{2}起施行，今天（{3}）尚未生效。").
template(finding_validity_end, 0, "{1}文件{2}；期满后发生的费用medaid不再按本文件计算（案例日期晚于截止日即报错），需核实是否已有新文件。").
template(finding_validity_expired, 0, "已于{1}期满失效（{2}天前）").
template(finding_validity_ending, 0, "将于{1}期满，距今天（{2}）仅{3}天").
template(finding_validity_ends, 0, "有效期至{1}，距今天（{2}）还有{3}天").
template(finding_validity_repeals, 0, "{1}文件规定{2}同时废止{3}").
template(finding_validity_repealed_in_base, 0, "，而该文件仍在知识库中（{1}），其结论不应再用于{2}以后的费用。").
template(finding_validity_repealed_outside, 0, "；该文件不在知识库中，{1}以前发生的费用medaid无法计算（案例日期早于施行日期即报错）。").
% approximation: {5} compares the bases two provisional amounts imply (when there are two)
template(finding_approximation, 0, "{1}文件以{2}的百分比“左右”规定起付标准，并给出{3}年度暂定数：{4}{5}。medaid在{3}年度使用暂定数，其他年度按百分比乘以案例参数{6}计算。").
template(finding_approximation_part, 0, "{1}%左右（{2}年度暂定{3}元）推得基数 {4} 元").
template(finding_approximation_spread, 0, "。两者推得的基数相差 {1} 元{2}").
template(finding_approximation_consistent, 0, "；若暂定数按{1}元取整，{2}—{3}元之间的同一基数可同时得出这些暂定数（如 {4} 元），两者相容").
template(finding_approximation_inconsistent, 0, "；即使暂定数按{1}元取整，也没有同一基数能同时得出这些暂定数，两者不一致").
% conflict
template(finding_conflict, 0, "{1}文件的{2}对“{3}”（{4}）在同一情形下有两条以上规则同时适用而比例不同：{5}。文件未说明取哪一条。").
template(finding_conflict_rule, 0, "规则 {1}：{2}").
% floor
template(finding_floor, 0, "{1}文件对{2}规定{3}{4}，超出上位文件{5}规定的{6}。").
% overlap: {1} of settled and open is finding_overlap_where
template(finding_overlap_where, 0, "{1}文件的{2}和{3}在{4}时同时适用于{5}").
template(finding_overlap_settled, 0, "{1}；文件未规定是否叠加。medaid按{2}处理：两项分别计算，只支付金额较高的一项（{3}），另一项以“不重复救助”排除。").
template(finding_overlap_interpretation, 0, "解释「{1}」").
template(finding_overlap_open, 0, "{1}，文件未规定是否叠加，medaid也未设取舍规则：两项都会支付（可能重复救助）。").
% unresolved_reference: {3} says why the document cannot be read; the parts after it are
% added where delegations, delegated figures or the implemented parent apply
template(finding_reference, 0, "{1}文件引用“{2}”，{3}。").
template(finding_reference_not_in_base, 0, "该文件不在知识库中").
template(finding_reference_unnamed, 0, "文件未具体指明，亦不在知识库中").
template(finding_reference_delegated, 0, "下列待遇按该文件执行，medaid无法计算，结论为待定（unresolved）：{1}。").
template(finding_reference_delegated_part, 0, "{1}——{2}").
template(finding_reference_figures, 0, "相关项目的具体标准由其确定，medaid只判断是否符合条件，金额待定。").
template(finding_reference_parent, 0, "（这是本文件所贯彻的上位文件，其标准无法用于核对本文件。）").
% divergence: a region's treatment where it pays nothing (finding_divergence_<status>)
template(finding_divergence_not_eligible, 0, "无（无适用规则）").
template(finding_divergence_excluded, 0, "无（未按规定转诊，排除）").
template(finding_divergence_absent, 0, "未设此项目").
template(finding_divergence_pair, 0, "{1}与{2}均贯彻{3}，但{4}对同一对象的待遇不同{5}：{6}。").
template(finding_divergence_unverifiable, 0, "（差异均因一方按未入库文件执行，无法核对）").
template(finding_divergence_pair_line, 0, "{1}，{2}：{3} {4}，{5} {6}").
template(finding_divergence_cross, 0, "{1}对“{2}”（{3}）的标准各地不同（仅供参考：各文件适用于不同地区）：{4}。").
% anomaly: 二档 subsidised more than 一档 ({3} the net payments, {4} the 一档-base note)
template(finding_anomaly_tier2, 0, "{1}文件的资助参保对以下对象“参加二档所得资助比例高于参加一档”：{2}。自愿选择缴费更高的二档反而获得更多资助{3}{4}。").
template(finding_anomaly_tier2_row, 0, "{1} 一档{2}，二档{3}").
template(finding_anomaly_no_subsidy, 0, "不资助").
template(finding_anomaly_net, 0, "；如“{1}”以一档{2}元、二档{3}元计，参加一档自付{2}元，参加二档只需自付{4}元").
template(finding_anomaly_tier1_base, 0, "；文件对二档以一档个人缴费标准为资助基数，似意在“二档不多于一档”，比例的差异可能是疏漏").
% anomaly: a category listed earlier paid a lower rate than one listed later
template(finding_anomaly_order, 0, "{1}文件的{2}中，文件列举在前的对象比例反而低于列举在后的对象：{3}{4}。列举顺序未必表示待遇高低（medaid仅以其在金额相同时确定身份），列出供核对。").
template(finding_anomaly_order_pair, 0, "“{1}”（第{2}位）{3} 低于“{4}”（第{5}位）{6}{7}").
template(finding_anomaly_order_situation, 0, "（{1}）").
template(finding_anomaly_order_more, 0, "；等共{1}处").
% anomaly: assistance falling as the cost rises
template(finding_anomaly_monotonic, 0, "{1}：“{2}”{3}，政策范围内费用由{4}元增至{5}元时，救助合计反而由{6}元降至{7}元。").

% --- medaid check: the gap findings' sentences (reasoner/checks/gap.py) --------------
% a program most other documents define; {5} the kb's notes on why (finding_gap_notes)
template(finding_gap_no_program, 0, "{1}（{2}）未设{3}，而{4}的文件均设有此项目；{1}的救助对象无论何种情形都得不到这一项待遇{5}。").
template(finding_gap_notes, 0, "（知识库注：{1}）").
template(finding_gap_note, 0, "{1} {2}：{3}").
template(finding_gap_no_benefit, 0, "{1}文件列明了“{2}”（{3}）并规定了认定部门，但没有为其规定任何救助项目或资助参保待遇，也未指明按哪个文件执行。").
template(finding_gap_premium_only, 0, "{1}文件中以下对象只享受资助参保，不享受任何医疗救助项目：{2}。这与文件的列举一致（只在资助参保条款中出现），列出供核对。").
% a category a program leaves out ({1} full or partial, then what the document says elsewhere)
template(finding_gap_category, 0, "{1}{2}{3}。").
template(finding_gap_category_full, 0, "{1}文件的{2}没有适用于“{3}”（{4}）的规则，也未指明按其他文件执行，而{5}等对象同一情形可以享受").
template(finding_gap_category_partial, 0, "{1}文件的{2}对“{3}”（{4}）只在部分情形下有规则：{5}时不予{2}，而{6}等对象同一情形可以享受").
template(finding_gap_category_ruled, 0, "；本文件为该类对象规定了{1}，此处未列可能是列举遗漏").
template(finding_gap_category_handed, 0, "；该类对象的{1}按{2}执行，{3}是否同样按其执行，文件未说明").
% a rule without figures: handed to another body, or some figures not stated
template(finding_gap_params_delegated, 0, "{1}文件设立{2}（适用于{3}），但起点、比例和限额均未规定，{4}；medaid只能判断是否符合条件，结论为待定。").
template(finding_gap_params_missing, 0, "{1}文件对{2}的{3}规定了{4}，但未规定{5}，无法计算，medaid结论为待定（不猜测为0或套用其他对象的标准）。").

% --- medaid check: situations and figures in findings (reasoner/checks/common.py) ----
% a situation's parts (finding_situation_…) and a rule's figures (finding_figures_…)
template(finding_situation_premium, 0, "参保缴费（{1}）").
template(finding_situation_level, 0, "{1}级医疗机构").
template(finding_situation_scope, 0, "{1}就医").
template(finding_situation_special, 0, "特殊疾病").
template(finding_situation_ordinary, 0, "普通疾病").
template(finding_situation_cost, 0, "政策范围内费用{1}元").
template(finding_situation_cost_short, 0, "费用{1}元").
template(finding_situation_no_attrs, 0, "无特殊情形").
template(finding_situation_scheme, 0, "参加{1}").
template(finding_situation_or, 0, "或").
template(finding_situation_all, 0, "所有情形").
% a person's attribute (finding_attr_<attribute>); one the kb adds names itself (template(A, 0, …))
template(finding_attr_age, 0, "高龄").
template(finding_attr_disability, 0, "重度残疾").
template(finding_attr_maintenance, 0, "需院外维持治疗").
template(finding_figures_delegated, 0, "标准{1}").
template(finding_figures_unset, 0, "{1}未规定").
template(finding_figures_none, 0, "无数额").

% --- medaid check: a finding no witness reproduces (reasoner/checks/checker.py) ------
template(finding_witness_none, 0, "已尝试 {1} 个例证，medaid eval 均未复现此发现，故不附例证").
