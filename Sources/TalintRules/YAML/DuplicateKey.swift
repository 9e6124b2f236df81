import TalintCore

/// YAML forbids a mapping that repeats a key, and Talos's Go decoder rejects it; other tools
/// silently keep the first or the last value, so what a reviewer reads may not be what runs.
/// It reads every mapping of the YAML as written (`config.sources`), not settings at paths:
/// a repeated key can be anywhere, in any document, Talos's or not, so it declares no slot.
struct DuplicateKey: Rule {
  static let description = RuleDescription(
    id: "TAL002", name: "duplicate-key", severity: .error,
    summary: "a mapping holds the same key twice",
    rationale: """
      YAML requires keys to be unique. Talos's decoder rejects a config with a repeated key, while \
      other tools (kubectl, yq, talhelper) keep either the first or the last value, so the setting a \
      reviewer sees may not be the one that takes effect.
      """,
    remediation: "Keep one of the two entries and merge their values.",
    references: [.other("YAML 1.2 §3.2.1.1: mapping keys are unique")],
    examples: [
      .triggering(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: "2"
            ↓kernel.kptr_restrict: "0"
        """),
      .passing(
        """
        machine:
          sysctls:
            kernel.kptr_restrict: "2"
        """),
    ])

  func check(_ context: inout RuleContext) {
    for document in context.config.sources {
      for duplicate in document.duplicateKeys {
        let first = document[duplicate.first].range
        let second = document[duplicate.second].range
        // A template reads both branches of a conditional: a key set in each is not repeated.
        // Branches are lines of the file, so a config inside one of its strings (a talhelper
        // inline patch) is compared where its lines are written.
        let shown = context.outer(first.start)
        if context.config.context.branches?.exclusive(shown.line, context.outer(second.start).line) == true { continue }
        context.report(
          "duplicate key '\(duplicate.name)' (first defined at line \(shown.line), column \(shown.column)); keep one",
          at: document[duplicate.second].range,
          notes: [Note("'\(duplicate.name)' first defined here", at: first)])
      }
    }
  }
}
