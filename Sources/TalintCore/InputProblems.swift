/// Diagnostics the linter itself gives when an input cannot be linted at all. They have rule
/// IDs like every other finding, so they can be listed, explained and selected.
public enum InputProblems {
  public static let syntaxError = RuleDescription(
    id: "TAL001", name: "yaml-syntax-error", severity: .error,
    summary: "the file is not valid YAML",
    rationale: """
      Talos refuses a machine config it cannot parse, and talint cannot check a file it cannot read. \
      The position is libyaml's: where the parser found the problem, which may be after the real mistake.
      """,
    remediation: "Fix the YAML at the reported position (an unclosed bracket, a tab used for indentation, a bad indent).",
    references: [.talos("talosctl validate")],
    examples: [
      .triggering(
        """
        machine:
          install: [unclosed
        ↓
        """),
      .passing(
        """
        machine:
          install: {}
        """),
    ])

  public static let unreadableInput = RuleDescription(
    id: "TAL003", name: "input-not-lintable", severity: .error,
    summary: "the input could not be read or exceeds a safety limit",
    rationale: """
      A path that does not exist, is not a regular file (a FIFO, a socket, a device), cannot be read, \
      or holds input beyond talint's limits (nesting depth, size, alias count, document count) is reported \
      instead of linted, so that a hostile file can never hang or crash the run. So is a machine whose merge \
      would create more nodes than talint's budget (aliases and JSON6902 copies expand as patches merge) \
      or that has more than 1,000 patches: that machine is not judged, and the finding is at the line \
      being copied when the budget ran out, or at the 1,001st patch. \
      A file that a talconfig (`@file`) or an Omni template (`file:`) names is read only when it is a regular file \
      inside the project (the git work tree, else the folder of `.talint.yaml`, else the folder linted), \
      symbolic links resolved: a pull request cannot make talint read and print `/proc/self/environ` or a file \
      beside the checkout. Such a reference is reported at its line instead.
      """,
    remediation: "Pass a readable regular YAML file; flatten input nested hundreds of levels deep; expand aliases and copies that multiply a patch; keep referenced patches inside the repository.",
    references: [.other("talint README: inputs and limits")],
    examples: [
      // Nesting beyond the parser's limit: the finding is at the bracket past it.
      .triggering(String(repeating: "[", count: 256) + "↓" + String(repeating: "[", count: 44)),
      .passing("debug: false\n"),
    ])

  public static let templateNotParsed = RuleDescription(
    id: "TAL007", name: "template-not-parsed", severity: .info,
    summary: "a template is not YAML even with its expressions masked, so it was not checked",
    rationale: """
      talint reads Jinja, Go, Terraform and envsubst templates (`*.j2`, `*.tpl`, `*.tmpl`) as the YAML \
      they render to: expressions become opaque values and control lines blanks, so positions hold. \
      Some templates build YAML structure from expressions (a key from a loop, a block inserted \
      mid-line); those cannot be read without rendering. This is said once per file, so the \
      template is not silently skipped; it does not fail the run.
      """,
    remediation: "Lint the rendered output (e.g. `talhelper genconfig`, `terraform console`), or keep expressions in value positions.",
    references: [.other("talint README: what talint reads")],
    examples: [
      .triggering(
        """
        machine:
          sysctls: {{ sysctls }}
            extra↓: value
        """, fileName: "example.yaml.j2"),
      .passing(
        """
        machine:
          sysctls: {{ sysctls }}
        """, fileName: "example.yaml.j2"),
    ])

  public static let mergeFailed = RuleDescription(
    id: "TAL008", name: "machine-patch-rejected", severity: .error,
    summary: "Talos would refuse a machine's patch",
    rationale: """
      A machine's config is its base with its patches applied in order. Talos's patcher refuses some \
      patches outright — `$patch: delete` of a path that is not there, a JSON6902 patch on a \
      multi-document config, a patch that is not a YAML mapping — and then the machine gets no config \
      at all (`talosctl`, talhelper and Omni stop there). The message is Talos's own where talint knows it.
      """,
    remediation: "Fix the patch (delete only what the base has; use strategic merge on multi-document configs) or the machine's list of patches.",
    references: [.talos("configuration patches")],
    examples: [
      .triggering(
        """
        clusterName: home
        talosVersion: v1.12.0
        endpoint: https://10.0.0.1:6443
        nodes:
          - hostname: cp1
            ipAddress: 10.0.0.1
            controlPlane: true
            patches:
              - ↓"[{op: add, path: /machine/install/extraKernelArgs/-, value: slab_nomerge}]"
        """,
        fileName: "talconfig.yaml"),
      .passing(
        """
        clusterName: home
        talosVersion: v1.12.0
        endpoint: https://10.0.0.1:6443
        nodes:
          - hostname: cp1
            ipAddress: 10.0.0.1
            controlPlane: true
            patches:
              - "machine: {install: {extraKernelArgs: [slab_nomerge]}}"
        """,
        fileName: "talconfig.yaml"),
    ])

  public static let referenceNotRead = RuleDescription(
    id: "TAL009", name: "referenced-file-not-read", severity: .error,
    summary: "a file a talconfig, Omni template or .talint.yaml names for a machine is missing or unreadable",
    rationale: """
      A machine's config is what its talconfig (`@./patches/x.yaml`), Omni template (`file:`) or \
      `.talint.yaml` (`patches`, `base`) names, merged. A named file that is not there — a typo, a file \
      not committed, a secret kept out of git by `.gitignore` — makes `talhelper genconfig` and \
      `omnictl` fail, and talint could not check what it sets. The finding is at the line that names \
      the file, says when git ignores it (a clone never has it), and names the machines: they are \
      still judged on the files that can be read (a file no machine uses is reported too). \
      `talint render` prints the same message. Like any \
      input that could not be linted (TAL003), it makes the run exit 2 — unless a suppression with a \
      reason (`# talint: ignore[TAL009] -- created in CI from the vault`) or `ignore: [TAL009]` says \
      the file is meant to be absent where talint runs.
      """,
    remediation: "Fix the path, commit the file, or — for a secret kept out of git — suppress the finding at the line that names it, saying where the file comes from.",
    references: [.other("talint README: what talint reads")],
    examples: [
      .triggering(
        """
        clusterName: home
        talosVersion: v1.9.5
        nodes:
          - hostname: cp1
            patches: [↓"@./patches/absent.yaml"]
        """, fileName: "talconfig.yaml"),
      .passing(
        """
        clusterName: home
        talosVersion: v1.9.5
        nodes:
          - hostname: cp1
            patches: []
        """, fileName: "talconfig.yaml"),
    ])

  public static let all = [syntaxError, unreadableInput, templateNotParsed, mergeFailed, referenceNotRead, talhelperKeyIgnored]
}
