import TalintCore

/// Talos still reads a deprecated key, but says what replaces it; a config that moves early
/// does not break when a later release drops it.
struct DeprecatedKey: Rule {
  static let description = RuleDescription(
    id: "TAL015", name: "deprecated-key", severity: .info,
    summary: "a key Talos deprecates in the file's release",
    rationale: """
      Talos marks config keys deprecated when a newer place replaces them (`machine.kubelet.extraConfig` \
      by the `KubeletConfig` document). The decoder still accepts them, so this is information: the \
      message names the replacement where Talos does. A deprecated section is reported once, and only \
      for a file whose release is known (declared, or set in `.talint.yaml`): one judged by the newest \
      release for want of another would be told of deprecations its own release may not have. A key \
      the release's own `talosctl gen config` still writes (`persist`) is not reported: it is not the \
      operator's to move.
      """,
    remediation: "Move the setting to the replacement the message names.",
    references: [.talos("reference/configuration")],
    examples: [
      .triggering(
        """
        # talint: talos-version=1.12
        machine:
          install:
            ↓bootloader: true
        """),
      .passing(
        """
        machine:
          install:
            wipe: false
        """),
    ])

  func check(_ context: inout RuleContext) {
    // A file that names no release is judged by the newest, whose deprecations its own
    // release may not have: telling it to move is only right when its release is known.
    guard context.release.source != LintSettings.assumedVersionSource else { return }
    context.reportStructure(.deprecated)
  }
}
