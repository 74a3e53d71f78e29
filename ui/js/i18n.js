// Every label in zh-CN first, then en. `t(key)` reads the current language.

const STRINGS = {
  "zh-CN": {
    appName: "Targetline 业绩目标管理",
    "nav.dashboard": "仪表盘",
    "nav.targets": "目标",
    "nav.plans": "行动计划",
    "nav.actuals": "实际数据",
    "nav.evaluation": "评估",
    "nav.reviews": "复盘",
    "nav.settings": "设置",
    "dash.title": "仪表盘",
    "dash.subtitle": "{company} · {year} 财年 · 截至 {asOf}",
    "dash.target": "年度目标",
    "dash.actual": "累计实际",
    "dash.achievement": "目标达成率",
    "dash.timeProgress": "时间进度",
    "dash.gap": "差距",
    "dash.tiers": "保底 {floor} · 基准 {base} · 挑战 {challenge}",
    "dash.workdays": "按工作日计算",
    "dash.ahead": "达成率领先时间进度 {diff} 个百分点",
    "dash.behind": "达成率落后时间进度 {diff} 个百分点",
    "dash.progressLegend": "达成率与时间进度",
    "dash.empty": "当前工作区还没有公司年度销售额目标。请在“目标”中设定，或通过“文件 → 打开工作区”打开已有工作区。",
    "dash.noWorkspace": "当前没有打开的工作区。请打开一个已有的工作区，或新建一个。",
    "gantt.col.title": "举措",
    "gantt.col.owner": "责任人",
    "gantt.col.start": "开始",
    "gantt.col.finish": "完成",
    "gantt.col.progress": "进度",
    "gantt.col.priority": "优先级",
    "gantt.month": "{y}年{m}月",
    "priority.high": "高",
    "priority.medium": "中",
    "priority.low": "低",
    "coming.title": "即将推出",
    "coming.targets": "目标网格：按组织和期间设定保底/基准/挑战目标，按比例、产能、历史季节性或工作日拆解，锁定单元格、自底向上承诺与差距、SMART 检查和修订记录。",
    "coming.plans": "甘特图：目标-举措-责任人-时间节点，依赖关系、关键路径、基线对比和目标缺口覆盖。",
    "coming.actuals": "通过文件对话框导入 CSV/XLSX/XLS/ODS 实际数据：自动识别编码和表头、预览、按批次撤销。",
    "coming.evaluation": "加权 KPI 计分卡、阶梯提成、排名与季度冠军。",
    "coming.reviews": "PDCA 复盘：成功因素、鱼骨图根因、经验清单与改进清单，并用数据验证改进。",
    "settings.title": "设置",
    "settings.language": "界面语言",
    "settings.workspace": "工作区",
    "settings.workspaceHint": "一个工作区就是一个文件，可以按年度或按团队各存一个。",
    "settings.path": "文件",
    "settings.counts": "{people} 名销售 · {units} 个组织单元 · {targets} 条目标 · {actuals} 条实际记录 · {deals} 个商机 · {actions} 项行动",
    "settings.schema": "数据版本 {v}",
    "file.new": "新建工作区…",
    "file.open": "打开工作区…",
    "file.copy": "另存副本…",
    "file.copied": "副本已保存。",
    "error.title": "出错了",
    "error.dismiss": "关闭",
    "lang.zh": "中文",
    "lang.en": "English",
    loading: "加载中…",
  },
  en: {
    appName: "Targetline",
    "nav.dashboard": "Dashboard",
    "nav.targets": "Targets",
    "nav.plans": "Action plans",
    "nav.actuals": "Actuals",
    "nav.evaluation": "Evaluation",
    "nav.reviews": "Reviews",
    "nav.settings": "Settings",
    "dash.title": "Dashboard",
    "dash.subtitle": "{company} · FY{year} · as of {asOf}",
    "dash.target": "Annual target",
    "dash.actual": "Actual to date",
    "dash.achievement": "Achievement",
    "dash.timeProgress": "Time progress",
    "dash.gap": "Gap",
    "dash.tiers": "Floor {floor} · Base {base} · Challenge {challenge}",
    "dash.workdays": "in working days",
    "dash.ahead": "Achievement is {diff} points ahead of time progress",
    "dash.behind": "Achievement is {diff} points behind time progress",
    "dash.progressLegend": "Achievement vs time progress",
    "dash.empty": "This workspace has no company revenue target for the year yet. Set one under Targets, or open another workspace with File → Open workspace.",
    "dash.noWorkspace": "No workspace is open. Open an existing workspace or create a new one.",
    "gantt.col.title": "Action",
    "gantt.col.owner": "Owner",
    "gantt.col.start": "Start",
    "gantt.col.finish": "Finish",
    "gantt.col.progress": "Progress",
    "gantt.col.priority": "Priority",
    "gantt.month": "{y}-{m}",
    "priority.high": "High",
    "priority.medium": "Medium",
    "priority.low": "Low",
    "coming.title": "Coming soon",
    "coming.targets": "The target grid: floor/base/challenge targets by organisation and period, split by percentage, capacity, seasonality or working days, locked cells, bottom-up commitments and gaps, SMART checks and revision history.",
    "coming.plans": "The Gantt chart: objective, action, owner and milestones, with dependencies, the critical path, baselines and gap coverage.",
    "coming.actuals": "Import actuals from CSV/XLSX/XLS/ODS through a file dialog: encodings and headers detected, a preview, batches you can undo.",
    "coming.evaluation": "Weighted KPI scorecards, tiered commission, rankings and the quarterly champion.",
    "coming.reviews": "PDCA reviews: success factors, fishbone root causes, lessons and improvements verified from the data.",
    "settings.title": "Settings",
    "settings.language": "Language",
    "settings.workspace": "Workspace",
    "settings.workspaceHint": "A workspace is one file: keep one per year or per team.",
    "settings.path": "File",
    "settings.counts": "{people} sales reps · {units} org units · {targets} targets · {actuals} actual rows · {deals} deals · {actions} actions",
    "settings.schema": "schema {v}",
    "file.new": "New workspace…",
    "file.open": "Open workspace…",
    "file.copy": "Save a copy…",
    "file.copied": "The copy is saved.",
    "error.title": "Something went wrong",
    "error.dismiss": "Dismiss",
    "lang.zh": "中文",
    "lang.en": "English",
    loading: "Loading…",
  },
};

let current = "zh-CN";

export const LANGS = ["zh-CN", "en"];

export function setLang(lang) {
  current = STRINGS[lang] ? lang : "zh-CN";
  document.documentElement.lang = current;
  document.title = STRINGS[current].appName;
}

export function lang() {
  return current;
}

/** The label for `key`, with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS["zh-CN"][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export const _strings = STRINGS;
