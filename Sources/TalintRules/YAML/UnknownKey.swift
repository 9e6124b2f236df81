import TalintCore

/// Talos decodes machine config strictly: a key its Go types do not have fails the whole apply
/// ("unknown keys found during decoding"), so a typo is caught only on the node, far from the
/// line that holds it.
struct UnknownKey: Rule {
  static let description = RuleDescription(
    id: "TAL011", name: "unknown-key", severity: .error,
    summary: "a key the file's Talos release does not know",
    rationale: """
      Talos's decoder rejects any key its config types do not define, in full configs, patches and \
      typed documents alike, so a mistyped key (`extraKernalArgs`, `sysctl`) or a key of another \
      release makes `talosctl apply-config` fail, or a talhelper or Omni pipeline fail late. Keys \
      that Talos deprecates are still known; free-form places (`extraArgs`, `sysctls`, labels, \
      inline manifests) take any key.
      """,
    remediation: "Correct the key's spelling, or declare the Talos release the file is for (`# talint: talos-version=1.12`).",
    references: [.talos("reference/configuration")],
    examples: [
      .triggering(
        """
        machine:
          install:
            ↓extraKernalArgs:
              - console=ttyS0
        """),
      .passing(
        """
        machine:
          install:
            extraKernelArgs:
              - console=ttyS0
        """),
    ])

  func check(_ context: inout RuleContext) {
    context.reportStructure(.unknownKey)
  }
}
