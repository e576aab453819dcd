"""Rule documentation from the rule files: `gialint rule`, `gialint rules --format markdown`."""

from __future__ import annotations

from gialint.rule import Rule

_LABELS = {
    "zh": {"category": "类别", "severity": "默认级别", "editions": "适用格式", "kind": "检查类型",
           "source": "依据", "bad": "不符合的示例", "good": "符合的示例", "params": "参数",
           "origin": "定义于"},
    "en": {"category": "category", "severity": "severity", "editions": "editions", "kind": "kind",
           "source": "source", "bad": "bad example", "good": "good example", "params": "parameters",
           "origin": "defined in"},
}


def _indent(text: str, pad: str = "    ") -> str:
    return "\n".join(pad + line for line in text.strip("\n").splitlines())


def rule_text(r: Rule, lang: str = "zh") -> str:
    L = _LABELS[lang]
    out = [f"{r.id} {r.name}", f"  {r.text(r.summary, lang)}", ""]
    out.append(f"  {L['category']}: {r.category}    {L['severity']}: {r.severity}    "
               f"{L['editions']}: {', '.join(r.editions)}    {L['kind']}: {r.kind}")
    if r.source:
        out.append(f"  {L['source']}: {r.source}")
    desc = r.text(r.description, lang).strip()
    if desc:
        out += ["", _indent(desc, "  ")]
    if r.example_bad:
        out += ["", f"  {L['bad']}:", _indent(r.example_bad)]
    if r.example_good:
        out += ["", f"  {L['good']}:", _indent(r.example_good)]
    if r.params:
        import json

        out += ["", f"  {L['params']}:", _indent(json.dumps(r.params, ensure_ascii=False, indent=2))]
    out += ["", f"  {L['origin']}: {r.origin}"]
    return "\n".join(out) + "\n"


def rules_markdown(rules: list[Rule], lang: str = "zh") -> str:
    L = _LABELS[lang]
    out = ["# gialint rules", "",
           "Generated from `rules/*.toml` by `gialint rules --format markdown`; do not edit by hand.", "",
           "| id | name | category | severity | editions | summary |",
           "| --- | --- | --- | --- | --- | --- |"]
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | {r.name} | {r.category} | {r.severity} | "
                   f"{', '.join(r.editions)} | {r.text(r.summary, lang)} |")
    for r in rules:
        out += ["", f"## {r.id}", "", f"**{r.name}** — {r.text(r.summary, lang)}", "",
                f"- {L['category']}: `{r.category}`", f"- {L['severity']}: `{r.severity}`",
                f"- {L['editions']}: {', '.join(r.editions)}", f"- {L['kind']}: `{r.kind}`"]
        if r.source:
            out.append(f"- {L['source']}: {r.source}")
        desc = r.text(r.description, lang).strip()
        if desc:
            out += ["", desc]
        if r.example_bad:
            out += ["", f"{L['bad']}:", "", "```text", r.example_bad.strip("\n"), "```"]
        if r.example_good:
            out += ["", f"{L['good']}:", "", "```text", r.example_good.strip("\n"), "```"]
    return "\n".join(out) + "\n"
