import TalintCore

/// `debug: true` sends every system container's log to the console, where secrets that
/// services log become visible to anyone with console access.
struct DebugEnabled: Rule {
  static let description = RuleDescription(
    id: "TAL704", name: "debug-enabled", severity: .info,
    summary: "debug mode sends system container logs to the console",
    rationale: "With `debug: true` Talos streams all system container logs to the console (serial, IPMI, cloud console), which widens who can read them.",
    remediation: "Remove `debug: true` once debugging is done.",
    references: [.talos("v1alpha1 debug")],
    examples: [
      .triggering(
        """
        version: v1alpha1
        debug: ↓true
        machine:
          type: worker
        """),
      .passing(
        """
        version: v1alpha1
        debug: false
        machine:
          type: worker
        """),
    ], fixable: true)

  /// Where debug mode is turned on.
  static let debug = ReadSlot([.v1alpha1(["debug"])])
  static let reads = [debug]

  func check(_ context: inout RuleContext) {
    for setting in context.values(Self.debug) where setting.bool == true {
      context.report(
        "debug is on, so system container logs go to the console; turn it off when done", at: setting,
        fix: context.replacement(of: setting, with: "false", title: "Set debug to false"))
    }
  }
}
