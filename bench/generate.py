"""Write realistic synthetic registries, deterministic from a seed, for the benchmark.

    python bench/generate.py --measures 10000 --out bench/.work/m10000          # tasks.yaml + progress.yaml
    python bench/generate.py --measures 100000 --files 31 --out bench/.work/f31 # a folder: NAME.yaml + NAME.progress.yaml

The output is in the exact format of docs/registry-format.md (the real loader validates
it): Chinese text of the length found in real reports, every milestone kind (dated, with
labels, ongoing, immediate), every journal state with a valid hash chain (each entry one
the writing commands accept), and a few hundred responsible units with aliases. Entry
dates never pass TODAY, which the benchmark pins with RECTIFY_TODAY so that runs are
reproducible.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from rectify_cli.chain import GENESIS, entry_hash  # noqa: E402
from rectify_cli.journal_checks import late_extension  # noqa: E402

TODAY = date(2020, 6, 30)  # the benchmark pins RECTIFY_TODAY to this
FEEDBACK = date(2018, 1, 3)
REPORT = date(2019, 3, 31)
GENERATOR_VERSION = 6  # bump when the output changes, so cached outputs are rebuilt

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)
PINYIN = (
    "beijing", "tianjin", "hebei", "shanxi", "neimenggu", "liaoning", "jilin", "heilongjiang",
    "shanghai", "jiangsu", "zhejiang", "anhui", "fujian", "jiangxi", "shandong", "henan", "hubei",
    "hunan", "guangdong", "guangxi", "hainan", "chongqing", "sichuan", "guizhou", "yunnan",
    "xizang", "shaanxi", "gansu", "qinghai", "ningxia", "xinjiang",
)
DEPARTMENTS = (
    "生态环境厅", "自然资源厅", "住房城乡建设厅", "水利厅", "农业农村厅", "林业和草原局", "发展改革委",
    "工业和信息化厅", "财政厅", "交通运输厅", "卫生健康委", "应急管理厅", "市场监管局", "公安厅",
    "党委宣传部", "党委组织部", "文化和旅游厅", "商务厅", "能源局", "统计局",
)
OLD_NAMES = {"生态环境厅": "环境保护厅", "自然资源厅": "国土资源厅", "农业农村厅": "农牧厅"}
CITIES = ("东", "西", "南", "北", "中", "新", "临", "安", "平", "宁", "兴", "长")
SUBJECTS = (
    "污水处理设施", "城镇生活垃圾", "饮用水水源地", "自然保护区", "工业园区", "建筑工地扬尘", "矿山地质环境",
    "重点排污单位", "危险废物", "医疗废物", "黑臭水体", "畜禽养殖", "河湖岸线", "草原生态", "湿地保护",
    "燃煤锅炉", "机动车尾气", "农村环境", "地下水", "尾矿库",
)
VERBS = (
    "全面排查", "限期整治", "加快建设", "依法关停", "严格落实", "完善配套", "组织开展", "建立健全", "督促整改",
    "加大投入", "强化监管", "开展专项执法检查",
)
CLAUSES = (
    "明确责任单位和完成时限", "逐项建立整改台账", "实行挂牌督办", "定期调度整改进展", "严肃追责问责",
    "确保按期完成整改任务", "形成长效监管机制", "对发现的问题立行立改", "做到整改一个销号一个",
    "加强日常巡查和在线监控", "将整改情况纳入年度考核", "向社会公开整改结果", "建设项目环评审批",
    "完成提标改造并稳定运行", "清理违规建设项目", "落实生态补偿资金", "开展“回头看”",
)
PROBLEM_CLAUSES = (
    "部分地方重发展轻保护", "环境基础设施建设滞后", "一些问题长期得不到有效解决", "监管执法宽松软",
    "群众反映强烈", "未按要求完成整改", "存在敷衍整改、表面整改问题", "污染物超标排放",
    "违规审批项目", "生态破坏问题突出", "责任落实不到位", "整改推进缓慢",
)
NOTES = (
    "已完成主体工程建设", "正在开展设备调试", "已印发实施方案", "完成排查点位", "已组织专项检查",
    "整改资金已全部到位", "完成验收并销号", "持续开展巡查", "按季度报送整改进展", "已约谈相关责任人",
)
STATES = ("fully_done", "basically_done", "on_schedule", "interim_results")


class Writer:
    """Builds one registry (plan + journal) as YAML text."""

    def __init__(self, rng: random.Random, province: int | None):
        self.rng = rng
        self.province = province

    def units(self) -> list[tuple[str, list[str], str]]:
        """(name, aliases, kind): departments and cities of one province, or of all."""
        provinces = [self.province] if self.province is not None else range(len(PROVINCES))
        result = []
        for p in provinces:
            prov = PROVINCES[p]
            for dept in DEPARTMENTS:
                aliases = [prov + OLD_NAMES[dept]] if dept in OLD_NAMES else []
                result.append((prov + dept, aliases, "department"))
            for city in CITIES:
                result.append((prov + city + "州市", [], "region"))
        return result

    def sentence(self, clauses, low: int, high: int) -> str:
        rng = self.rng
        parts, length = [], 0
        target = rng.randint(low, high)
        while length < target:
            piece = rng.choice(SUBJECTS) + rng.choice(clauses) if rng.random() < 0.5 else rng.choice(VERBS) + rng.choice(SUBJECTS) + rng.choice(CLAUSES)
            parts.append(piece)
            length += len(piece) + 1
        return "，".join(parts) + "。"

    def milestones(self) -> list[dict]:
        rng = self.rng
        roll = rng.random()
        due = FEEDBACK + timedelta(days=rng.randint(60, 1400))
        if roll < 0.45:
            result = [{"kind": "date", "due": due}]
        elif roll < 0.65:
            result = [{"kind": "date", "due": due}, {"kind": "ongoing"}]
        elif roll < 0.80:
            result = [{"kind": "ongoing"}]
        elif roll < 0.90:
            result = [{"kind": "immediate"}, {"kind": "ongoing"}]
        else:
            later = due + timedelta(days=rng.randint(90, 500))
            result = [{"kind": "date", "due": due, "label": "4A级以上景区"}, {"kind": "date", "due": later, "label": "其他景区"}]
        return result

    def write(self, measures: int, first_task: int = 1) -> tuple[str, str, int]:
        rng = self.rng
        units = self.units()
        regions = [u[0] for u in units if u[2] == "region"]
        departments = [u[0] for u in units if u[2] == "department"]
        prov = PROVINCES[self.province] if self.province is not None else "全国"
        plan = [
            "# yaml-language-server: $schema=../schema/registry.schema.json",
            "registry:",
            f"  title: {prov}落实中央生态环境保护督察反馈意见整改情况的报告",
            f"  issuer: {prov}党委、政府",
            "  inspection: 中央第六环境保护督察组",
            f"  feedback_date: {FEEDBACK.isoformat()}",
            f"  report_date: {REPORT.isoformat()}",
            "  settings:",
            "    timezone: Asia/Shanghai",
            "    warn_days: 30",
            "    report_period_days: 90",
            "  claims:",
            "    - key: measures_total",
            f"      text: 共{measures}项具体整改措施",
            f"      value: {measures}",
            "units:",
        ]
        for name, aliases, kind in units:
            plan.append(f"  - name: {name}")
            if aliases:
                plan.append(f"    aliases: [{', '.join(aliases)}]")
            plan.append(f"    kind: {kind}")
        plan.append("tasks:")
        journal_items: list[dict] = []
        written, task_id = 0, first_task
        while written < measures:
            count = min(rng.randint(1, 8), measures - written)
            deadline = self.milestones()
            title = self.sentence(PROBLEM_CLAUSES, 10, 30).rstrip("。").split("，")[0]
            plan += [
                f"  - id: {task_id}",
                f"    title: {title}",
                f"    problem: {title}。{self.sentence(PROBLEM_CLAUSES, 40, 160)}",
                "    deadline:",
                f"      text: {_deadline_text(deadline)}",
                "      milestones:",
                *(f"        - {_flow(ms)}" for ms in deadline),
                f"    reported: {{state: {rng.choice(STATES)}{', ongoing: true' if deadline[-1]['kind'] == 'ongoing' else ''}}}",
                f"    regions: [{', '.join(rng.sample(regions, rng.randint(0, 3)))}]",
                "    measures:",
            ]
            for number in range(1, count + 1):
                owners = rng.sample(departments, rng.randint(1, 3)) + ([rng.choice(regions)] if rng.random() < 0.3 else [])
                lead = owners[0]
                milestones = self.milestones()
                plan += [
                    f"      - id: {number}",
                    f"        text: {lead}牵头{self.sentence(PROBLEM_CLAUSES, 25, 80)}",
                    f"        owners: [{', '.join(owners)}]",
                    f"        lead: {lead}",
                    "        milestones:",
                    *(f"          - {_flow(ms)}" for ms in milestones),
                ]
                journal_items += self.entries(f"{task_id}.{number}", owners, milestones, departments)
            written += count
            task_id += 1
        journal_items.sort(key=lambda e: e["date"])  # oldest first, like a real journal
        return "\n".join(plan) + "\n", _journal_text(journal_items), task_id

    def entries(self, measure_id: str, owners: list[str], milestones: list[dict], departments: list[str]) -> list[dict]:
        """1-3 entries on the measure, each one the writing commands accept (and the loader
        with them): a report on a measure with an ongoing part, a close of a step still open,
        an extension of a step still open (flagged late when it comes after the deadline it
        moves), a reopening of a measure with a step closed."""
        rng = self.rng
        result = []
        day = REPORT
        dated = [ms for ms in milestones if ms["kind"] == "date"]
        moved: dict = {}  # a step's due as extended so far
        closed: set = set()  # the steps closed (by their due in the plan)
        for _ in range(rng.randint(1, 3)):
            entry = {"measure": measure_id, "date": day, "state": "in_progress", "note": rng.choice(NOTES) + self.sentence(PROBLEM_CLAUSES, 6, 30)}
            roll = rng.random()
            still_open = [ms for ms in dated if ms["due"] not in closed]
            # (each roll picks one kind of entry; one the commands would refuse here, a close or an
            # extension of a measure with every step closed, a reopening of one with none, is a
            # progress entry instead, as the refused one changed nothing)
            if roll < 0.25 and any(ms["kind"] == "ongoing" for ms in milestones):
                entry["state"] = "report"
            elif roll < 0.5 and dated:
                if still_open:
                    target = rng.choice(still_open)["due"]
                    closed.add(target)
                    entry.update(state="done", evidence=f"{PROVINCES[rng.randrange(31)]}环发〔2019〕{rng.randint(1, 300)}号",
                                 by=rng.choice(owners), milestone=target)
            elif roll < 0.6 and dated:
                if still_open:
                    target = rng.choice(still_open)["due"]
                    due = moved.get(target, target)
                    # (a new due date after the one it moves, and still to come when it is granted, late or not)
                    moved[target] = max(due, day) + timedelta(days=rng.randint(90, 365))
                    entry.update(state="extended", milestone=target, to=moved[target],
                                 reason="受施工季节影响，工程无法按期完工", approved_by=rng.choice(departments))
                    if late_extension(day, deadline=due):
                        entry["late"] = True
            elif roll < 0.65:
                if closed:
                    entry["state"] = "reopened"
                    entry["evidence"] = "“回头看”发现表面整改"
                    closed.clear()
            result.append(entry)
            day = min(TODAY, day + timedelta(days=rng.randint(20, 200)))
        return result


def _flow(ms: dict) -> str:
    parts = [f"kind: {ms['kind']}"]
    if "due" in ms:
        parts.append(f"due: {ms['due'].isoformat()}")
    if "label" in ms:
        parts.append(f"label: {ms['label']}")
    return "{" + ", ".join(parts) + "}"


def _deadline_text(milestones: list[dict]) -> str:
    words = []
    for ms in milestones:
        if ms["kind"] == "date":
            d = ms["due"]
            words.append(f"{d.year}年{d.month}月{d.day}日前完成")
        elif ms["kind"] == "ongoing":
            words.append("长期坚持")
        else:
            words.append("立行立改")
    return "，".join(words)


def _journal_text(entries: list[dict]) -> str:
    lines = ["# rectify journal — append-only: add entries with `rectify record`, never edit or delete."]
    prev = GENESIS
    for entry in entries:
        fields = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in entry.items()}
        prev = entry_hash(prev, fields)
        lines.append(f"- measure: {json.dumps(fields['measure'])}")
        for key, value in fields.items():
            if key != "measure":
                lines.append(f"  {key}: {'true' if value is True else value}")
        lines.append(f"  hash: {prev}")
    return "\n".join(lines) + "\n"


def generate(out: Path, measures: int, *, seed: int = 1, files: int = 1) -> Path:
    """Write the registry into folder `out` and return the path to pass as --registry."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / ".generated.json"
    params = {"measures": measures, "seed": seed, "files": files, "version": GENERATOR_VERSION}
    target = out / "tasks.yaml" if files == 1 else out
    if stamp.exists() and json.loads(stamp.read_text()) == params:
        return target  # already generated with these parameters
    for old in out.glob("*.yaml"):
        old.unlink()
    if files == 1:
        plan, journal, _ = Writer(random.Random(seed), None).write(measures)
        (out / "tasks.yaml").write_text(plan, encoding="utf-8")
        (out / "progress.yaml").write_text(journal, encoding="utf-8")
    else:
        per_file, extra = divmod(measures, files)
        for index in range(files):
            province = index % len(PROVINCES)
            name = PINYIN[province] + (f"{index // len(PROVINCES) + 1}" if index >= len(PROVINCES) else "")
            plan, journal, _ = Writer(random.Random(seed * 1000 + index), province).write(per_file + (index < extra))
            (out / f"{name}.yaml").write_text(plan, encoding="utf-8")
            (out / f"{name}.progress.yaml").write_text(journal, encoding="utf-8")
    stamp.write_text(json.dumps(params))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=1, help="1: tasks.yaml + progress.yaml; more: a folder registry")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.out, args.measures, seed=args.seed, files=args.files))


if __name__ == "__main__":
    main()
