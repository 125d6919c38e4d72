% 江苏省 重特大疾病医疗保险和救助实施意见（征求意见稿） — 结语

% ---------------------------------------------------------------------------
% 结语 施行日期与废止
% 「本实施意见自2023年1月1日起施行。原建档立卡低收入人口医保帮扶按过渡期有
%   关政策执行。《省政府办公厅关于进一步完善医疗救助制度的实施意见》（苏政办发〔
%   2015〕135号）同时废止。此前发布的有关医疗救助规定与本实施意见不一致的
%   ，以本实施意见为准。」
% ---------------------------------------------------------------------------
provision(js_end_a, jiangsu, "结语", "本实施意见自2023年1月1日起施行").
provision(js_end_b, jiangsu, "结语", "原建档立卡低收入人口医保帮扶按过渡期有关政策执行").
provision(js_end_c, jiangsu, "结语", "《省政府办公厅关于进一步完善医疗救助制度的实施意见》（苏政办发〔2015〕135号）同时废止").
provision(js_end_d, jiangsu, "结语", "此前发布的有关医疗救助规定与本实施意见不一致的，以本实施意见为准").

% A draft that names its own start date: medaid applies it from that date, and
% reports document_status draft with every answer.
interpretation(i_js_draft_in_force, jiangsu, "征求意见稿按所载施行日期适用",
    "本件为征求意见稿，正式文本的施行日期和内容可能变化。medaid按稿中“自2023年1月1日起施行”适用，未规定截止日期，并在结论中标明文件为征求意见稿。",
    js_end_a).
in_force(jiangsu, 20230101, 99991231, i_js_draft_in_force).

repeals(jiangsu, "苏政办发〔2015〕135号", js_end_c).
reference(jiangsu, ref_js_szbf_2015_135,
    "《省政府办公厅关于进一步完善医疗救助制度的实施意见》（苏政办发〔2015〕135号）",
    not_in_base, js_end_c).

% 原建档立卡低收入人口: handled by transition rules the document does not name.
reference(jiangsu, ref_js_transition,
    "原建档立卡低收入人口医保帮扶过渡期有关政策", unnamed, js_end_b).
interpretation(i_js_transition_not_modelled, jiangsu, "原建档立卡低收入人口按过渡期政策",
    "结语规定原建档立卡低收入人口医保帮扶按过渡期有关政策执行，所指政策未列明、不在知识库中；medaid不为脱贫人口、监测对象等设江苏规则，此类人员只能按其同时持有的二（一）所列身份计算。",
    js_end_b).

reference(jiangsu, ref_js_prior_rules,
    "此前发布的有关医疗救助规定", unnamed, js_end_d).
